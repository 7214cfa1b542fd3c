# redact21, pair 14: 杂项句 B — names in quotes, witnesses, relatives, 2-character / compound / rare surnames, names that are ordinary words.
# One line each, each from a different kind of source. Odd id -> dev, even -> test (SPLIT.md).
from common import D
DOCS = []

DOCS.append(D("r21-27", "杂项句 B: names in quotes, witnesses, relatives, short / compound / rare / ordinary-word names (single lines of several provinces)", """\
投诉人称，在瑞安市安阳街道万松路占道卖海鲜的是一个叫“邬建平”的男子。
以上情况莫小川可以证明，他当晚就在隔壁店里。
当事人外出期间，其母佘桂英每日帮忙看摊。
答：是卢军让我帮他看着这台挖掘机的，我不知道要审批。
经查，司徒俊杰于2026年6月在开平市三埠街道新昌路搭建骑楼外挑棚架。
（送达回证备注栏）受送达人拒签，由其房东禚洪波在场见证。
经查，高明于2026年7月12日在卫辉市汲水镇卫辉大道东侧擅自设置户外广告牌一块，面积约18平方米。
见证人：冼月娥（居民）、执法队员江海（执法证号44078326029）。
（询问笔录）答：货是我女婿小邓开车拉来的。
（微信语音转文字，2026年8月20日 21:06）“丽丽，你跟你爸说一声，明天别出摊了，城管要来。”
经查，江山擅自在石首市绣林街道笔架山路人行道上堆放木材约5立方米。
询问人：蓝天（执法证号42108126017）　记录人：朱 琳（执法证号42108126022）
涉案店铺为“张小泉”刀具专卖店（个体工商户），位于东城区张自忠路北侧。
当事人称门前的棚子是其妻子文秀兰搭的，他本人并不知情。
| 序号 | 姓名 | 违法行为 | 处理结果 |
| 3 | 端木晓峰 | 占道晾晒 | 当场改正 |
依据《中华人民共和国行政处罚法》第三十三条第一款，对当事人初次违法且危害后果轻微并及时改正的，可以不予行政处罚。
房东贾仁义说，这间铺面2026年3月租给了一对外地夫妻。
（证人证言）我叫葛小燕，住在这条街上，那天看到他把油倒进了下水道。
""",
mask=[("邬建平","name"),("莫小川","name"),("佘桂英","name"),("卢军","name"),("司徒俊杰","name"),("禚洪波","name"),("高明","name"),
("冼月娥","name"),("小邓","name"),("丽丽","name"),("江山","name"),("文秀兰","name"),("端木晓峰","name"),("贾仁义","name"),("葛小燕","name")],
keep=["瑞安市安阳街道万松路","2026年6月","开平市三埠街道新昌路","2026年7月12日","卫辉市汲水镇卫辉大道东侧","18平方米","江海","44078326029",
"2026年8月20日 21:06","石首市绣林街道笔架山路","5立方米","蓝天","42108126017","朱 琳","42108126022","“张小泉”刀具专卖店",
"东城区张自忠路北侧","《中华人民共和国行政处罚法》第三十三条第一款","2026年3月"],
note="Names in quotes, as witnesses and relatives, a two-letter name (卢军), compound surnames (司徒, 端木), rare surnames (禚, 佘, 冼), names that are ordinary words (高明, 江山, 贾仁义) and a pet name (丽丽); officers whose names are ordinary words (江海, 蓝天) kept with their numbers. “张小泉” (a brand that is a person's name) and 张自忠路 (a road named after a person) kept. 一对外地夫妻 left unscored."))

DOCS.append(D("r21-28", "杂项句 B: names in quotes, witnesses, relatives, short / compound / rare / ordinary-word names (single lines of several provinces)", """\
当事人称，这个摊位是替“韩梅梅”看的，她去学校接孩子了。
以上事实有包小卫在场可证，包小卫当时在对面修车。
当事人的继父庹国发证实，院外的鸡舍是2025年冬天搭的。
答：是严冬叫我来这里卖的，说这里没人管。
经查，皇甫建业于2026年5月在灵宝市城关镇函谷路西侧擅自设置广告横幅三条。
（送达回证备注）当事人不在家，文书交由其邻居訾红旗转交，訾红旗签名确认。
经查，向阳在丹江口市均州路街道沧浪大道人行道上设置固定摊位销售炒货。
见证人：钟秀珍（楼长），执法队员高山（执法证号42038126041）。
（询问笔录）答：平时是我儿媳小钱在店里看着，我很少过来。
（微信消息截图，2026年7月16日 18:22）“毛毛，快让你妈把三轮车挪开，城管的车到路口了。”
经查，方圆擅自在汝州市风穴路街道广成路绿化带内停放经营性货车两辆。
涉案门店为“杨国福麻辣烫”加盟店，位于西城区佟麟阁路南口，由某餐饮管理有限公司经营。
当事人称堆在路边的钢管是其女儿时小雨的，与他无关。
| 序号 | 姓名 | 违法行为 | 处理结果 |
| 2 | 令狐建军 | 店外经营 | 警告 |
根据《中华人民共和国行政处罚法》第三十条，不满十四周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教。
房东钱有才表示，租房时已告知租户不得在楼道内堆放杂物。
执法队员吴 桐、唐 宁（执法证号：41148126031、41148126037）于2026年6月18日进行回访。
""",
mask=[("韩梅梅","name"),("包小卫","name"),("庹国发","name"),("严冬","name"),("皇甫建业","name"),("訾红旗","name"),("向阳","name"),
("钟秀珍","name"),("小钱","name"),("毛毛","name"),("方圆","name"),("时小雨","name"),("令狐建军","name"),("钱有才","name")],
keep=["2025年冬天","2026年5月","灵宝市城关镇函谷路西侧","丹江口市均州路街道沧浪大道","高山","42038126041","2026年7月16日 18:22",
"汝州市风穴路街道广成路绿化带","两辆","“杨国福麻辣烫”加盟店","西城区佟麟阁路南口","某餐饮管理有限公司",
"《中华人民共和国行政处罚法》第三十条","吴 桐","唐 宁","41148126031","41148126037","2026年6月18日"],
note="Names in quotes, as witnesses and relatives, a two-letter name (严冬), compound surnames (皇甫, 令狐), rare surnames (庹, 訾), names that are ordinary words (向阳, 方圆, 小钱), a pet name (毛毛); officers with ordinary-word names (高山) and letter-spaced ones kept with their numbers. “杨国福麻辣烫” and 佟麟阁路 kept. 她去学校接孩子了 (her child, unnamed) left unscored. The statute's 不满十四周岁 is no one's age."))
