# redact21, pair 18: 杂项句 F — homes below the road / village, and 街道 / 社区 / 村委会 bodies, roads named after persons to keep.
# One line each, each from a different kind of source. Odd id -> dev, even -> test (SPLIT.md).
from common import D
DOCS = []

DOCS.append(D("r21-35", "杂项句 F: homes below road and village level in every layout beside bodies, shops and sites that stay (single lines of several provinces)", """\
当事人韩志远，住海宁市硖石街道文宗路金都花苑7幢2单元501室。
当事人聂冬梅，住高州市石鼓镇石鼓村九队32号，系该村村民。
（送达地址确认书）送达地址：上海市青浦区盈浦街道城中北路215弄6号302室。
（12345工单）来电人反映楼下 1101室 住户每晚在阳台焚烧纸钱，地点：海宁市硖石街道文宗路金都花苑7幢。
经海宁市硖石街道办事处、文宗社区居民委员会协调，当事人同意拆除违建。
经营地址：信宜市东镇街道中山东路38号（门市），经营者另行登记。
当事人在自家院内（兴城市古城街道延辉路东三巷12号）搭建彩钢棚。
户籍地：邳州市铁富镇姚庄村7组45号；现住地同户籍地。
（询问笔录）答：我暂住在汾阳市太和桥街道刘家巷4号院西屋，房子是租的。
当事人：龙口市东莱街道某某餐饮有限公司，注册地址：龙口市东莱街道港城大道1188号（公司）。
（来信）我住汇景湾C栋1单元702，窗户正对着这家烧烤店的排烟口。
送达地址：临清市新华路街道青年路66号院3号楼2单元501室（受送达人住所）。
违法地点：应城市城中街道蒲阳大道112号门前人行道，该处为一家五金店。
（12345工单）来电人称油烟来自7号楼102的那户人家，位于瑞昌市湓城街道桂林路。
| 姓名 | 熊** | 住址 | 瑞昌市湓城街道桂林路8巷3号 | 违法行为 | 饲养家禽 |
当事人户籍在沁阳市西向镇西向村后营组17号，常年在外务工。
村委会地址：沁阳市西向镇西向村文化广场东侧，联系电话0391-5687 223（村委会）。
（微信消息截图）“我家在北辰区果园新村街道，嘉园小区5-3-1201，你们过来看看就知道了。”
""",
mask=[("韩志远","name"),("金都花苑7幢2单元501室","address"),("聂冬梅","name"),("九队32号","address"),("215弄6号302室","address"),
("1101室","address"),("东三巷12号","address"),("7组45号","address"),("刘家巷4号院西屋","address"),("汇景湾C栋1单元702","address"),
("66号院3号楼2单元501室","address"),("7号楼102","address"),("8巷3号","address"),("后营组17号","address"),("嘉园小区5-3-1201","address")],
keep=["海宁市硖石街道文宗路","高州市石鼓镇石鼓村","上海市青浦区盈浦街道城中北路","海宁市硖石街道办事处","文宗社区居民委员会",
"信宜市东镇街道中山东路38号（门市）","兴城市古城街道延辉路","邳州市铁富镇姚庄村","汾阳市太和桥街道","龙口市东莱街道某某餐饮有限公司",
"龙口市东莱街道港城大道1188号（公司）","临清市新华路街道青年路","应城市城中街道蒲阳大道112号门前人行道","瑞昌市湓城街道桂林路",
"沁阳市西向镇西向村","沁阳市西向镇西向村文化广场东侧","0391-5687 223（村委会）","北辰区果园新村街道"],
note="Homes by building-unit-flat, 队 / 组 and number, 弄, 巷, 院 and room, a flat below the caller's, a flat named by who lives there, a home in brackets after 自家院内, a table's 住址 cell, a group and house, a hyphenated flat in a message. Kept: bodies (街道办事处, 社区居委会, 村委会 and its landline), a shop's and a company's address marked （门市） / （公司）, a site at a shop front with its number, 中山东路 (named after a person). The building 金都花苑7幢 in the 12345 line is the caller's own building without a flat (left unscored). 焚烧纸钱 left unscored."))

DOCS.append(D("r21-36", "杂项句 F: homes below road and village level in every layout beside bodies, shops and sites that stay (single lines of several provinces)", """\
当事人何丽萍，住四会市东城街道四会大道碧桂园·天玺9座1806房。
当事人住华亭市东华街道南川村二社8号，其承包地位于村北。
（来信）我住在同楼602室，楼上天天装修到晚上十点。
经四会市东城街道办事处、贞山社区居民委员会确认，涉案棚舍不属于历史遗留建筑。
占道地点：子长市瓦窑堡街道中山街与齐家湾路交叉口，属城区主干道。
当事人在家中（永济市城东街道舜都大道北段 盛世华庭 2号楼 3单元 402）开设无证托管班。
户籍地：五华县华城镇塘湖村6组31号。
（询问笔录）答：我租住在汾河边的城中村李家巷11号二楼东间，一个月三百块。
注册地址：永济市城东街道舜都大道南段66号（公司），法定代表人另行登记。
送达地址：当事人住所，五华县水寨镇新城大道24号3单元7楼东户。
违法地点：五华县水寨镇新城大道109号“客家人”酒楼门前，占道约15平方米。
（投诉信）1302室业主在入户花园加建阳光房，遮挡了我家的采光。
经五华县华城镇塘湖村村民委员会调解，双方达成和解，村委会电话0753-4463 218。
（微信消息截图）“我们家就在2栋1703，装修噪音就是楼上传下来的。”
| 姓名 | 管** | 住址 | 四会市城中街道东升里3巷7号 | 违法行为 | 饲养家禽 |
当事人户籍在华亭市东华街道南川村，现暂住该村五社宿舍平房东起第三间。
当事人龚建伟住永济市城东街道舜都大道北段68号，系自建房，一楼临街开设小卖部。
""",
mask=[("何丽萍","name"),("碧桂园·天玺9座1806房","address"),("二社8号","address"),("602室","address"),
("盛世华庭 2号楼 3单元 402","address"),("6组31号","address"),("李家巷11号二楼东间","address"),("24号3单元7楼东户","address"),
("1302室","address"),("2栋1703","address"),("3巷7号","address"),("五社宿舍平房东起第三间","address"),("龚建伟","name"),("68号","address")],
keep=["四会市东城街道四会大道","华亭市东华街道南川村","四会市东城街道办事处","贞山社区居民委员会","子长市瓦窑堡街道中山街与齐家湾路交叉口",
"永济市城东街道舜都大道北段","五华县华城镇塘湖村","永济市城东街道舜都大道南段66号（公司）","五华县水寨镇新城大道",
"五华县水寨镇新城大道109号“客家人”酒楼门前","15平方米","五华县华城镇塘湖村村民委员会","0753-4463 218","四会市城中街道东升里"],
note="As r21-35. 子长市 (a place named after 谢子长) and 中山街 kept. A home inside brackets after 家中 with its parts spaced; a flat by house number, entrance and floor; a flat named by its 业主. 三百块 (rent) left unscored. 无证托管班 (the party's business at home) left unscored."))
