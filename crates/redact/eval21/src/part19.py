# redact21, pair 19: 杂项句 G — health, religion, ethnicity, minors, criminal records, welfare, and look-alikes to keep.
# One line each, each from a different kind of source. Odd id -> dev, even -> test (SPLIT.md).
from common import D
DOCS = []

DOCS.append(D("r21-37", "杂项句 G: sensitive personal data in diagnoses and plain words beside look-alikes that stay (single lines of several provinces)", """\
当事人陶德顺称，其经医院诊断为2型糖尿病，需每日注射胰岛素，无法长时间站立经营。
（询问笔录）答：老伴付桂兰心脏不好，走几步就喘，我得赶回去照顾她。
（来信）我信天主教，周日上午要去望弥撒，请把询问时间改到周一。
| 姓名 | 白** | 民族 | 哈尼族 | 违法行为 | 店外经营 |
（现场检查笔录）当事人之子（建瓯市第二中学初一学生）在摊位旁帮忙收钱。
经查询，鞠红军2019年因盗窃罪被判处有期徒刑八个月，2020年刑满。
违法地点：邓州市人民医院东门外人行道，当事人在此摆放轮椅、拐杖等康复器具出售，占道约8平方米。
“傣家风味餐厅”（个体工商户）在瑞丽市勐卯街道姐告路店外经营，已责令改正。
违法地点：建瓯市芝山街道天主教堂东侧人行道，当事人在此搭建遮阳棚。
当事人将三轮货车停放在会理市古城街道北关路残疾人专用停车位上，已当场改正。
经核实，当事人系农村低保户，家中无其他收入来源。
（询问笔录）答：我对花粉严重过敏，闻不了这种油烟。
（送达回证备注）受送达人听力残疾三级，由其女代为签收。
其女儿今年15岁，暑假期间在店里帮忙穿串。
当事人因涉嫌非法采矿罪已被刑事拘留，本案中止调查。
依据《中华人民共和国个人信息保护法》第二十八条，敏感个人信息不予公开。
（12345工单）来电人称对门住户每逢初一十五在楼道里烧香拜佛，烟味很大。
当事人称自己刚做完心脏支架手术，不能干重活，请求宽限整改期限。
""",
mask=[("陶德顺","name"),("2型糖尿病","health"),("每日注射胰岛素","health"),("无法长时间站立","health"),("付桂兰","name"),("心脏不好","health"),
("走几步就喘","health"),("信天主教","religion"),("去望弥撒","religion"),("哈尼族","ethnicity"),("建瓯市第二中学初一学生","minor"),("鞠红军","name"),
("2019年因盗窃罪被判处有期徒刑八个月，2020年刑满","criminal"),("农村低保户","welfare"),("家中无其他收入来源","welfare"),("对花粉严重过敏","health"),
("听力残疾三级","health"),("15岁","minor"),("因涉嫌非法采矿罪已被刑事拘留","criminal"),("烧香拜佛","religion"),("心脏支架手术","health"),
("不能干重活","health")],
keep=["邓州市人民医院东门外人行道","轮椅、拐杖等康复器具","8平方米","“傣家风味餐厅”（个体工商户）","瑞丽市勐卯街道姐告路",
"建瓯市芝山街道天主教堂东侧人行道","会理市古城街道北关路残疾人专用停车位","《中华人民共和国个人信息保护法》第二十八条","敏感个人信息"],
note="Conditions named and in plain words, a medicine taken, a disability with its grade, an allergy with its degree, belief as 信…教 and as practice, an ethnicity in a table, a minor's school and grade and a minor's age, a sentence served and a criminal detention. Kept: a hospital, a church and a 残疾人专用停车位 as sites, wheelchairs as goods for sale, an ethnic restaurant's sign. 其女 (unnamed) left unscored."))

DOCS.append(D("r21-38", "杂项句 G: sensitive personal data in diagnoses and plain words beside look-alikes that stay (single lines of several provinces)", """\
当事人庞福生称，其经县医院诊断为腰椎管狭窄症（骨科），不能久站。
（询问笔录）答：我耳朵背，你说大声点。
当事人称其信伊斯兰教，店内从不销售猪肉制品。
| 姓名 | 李** | 民族 | 彝族 | 违法行为 | 占道经营 |
（现场检查笔录）其子在德化县浔中镇第二小学上四年级，放学后在店里写作业。
经查询，当事人曾因寻衅滋事罪被判处拘役四个月。
违法地点：德化县人民医院南门外人行道，当事人在此设置早餐摊点，占道约6平方米。
“回民清真牛肉面馆”（个体工商户）在开远市灵泉街道人民路店外经营，已责令改正。
违法地点：开远市灵泉街道清真寺南侧空地，当事人在此堆放建筑材料。
经核实，当事人系城市特困供养对象，由开远市民政局社会救助股出具证明。
（送达回证备注）当事人怀孕七个月，由其丈夫代为签收。
依据《中华人民共和国个人信息保护法》第二十八条，不满十四周岁未成年人的个人信息属于敏感个人信息。
（残疾人证复印件）残疾类别：肢体残疾二级。
（现场检查笔录）其外孙（11岁）在门口玩耍，执法人员未对其询问。
（询问笔录）答：我刑满释放不到半年，找不到工作才来摆摊。
开远市残疾人联合会出具的证明显示，该残疾人辅助器具店系福利企业。
（来信）我每周日去教堂做礼拜，回来才发现门口被堆满了建材。
""",
mask=[("庞福生","name"),("腰椎管狭窄症（骨科）","health"),("不能久站","health"),("耳朵背","health"),("信伊斯兰教","religion"),("彝族","ethnicity"),
("在德化县浔中镇第二小学上四年级","minor"),("曾因寻衅滋事罪被判处拘役四个月","criminal"),("城市特困供养对象","welfare"),("怀孕七个月","health"),
("肢体残疾二级","health"),("11岁","minor"),("刑满释放不到半年","criminal"),("去教堂做礼拜","religion")],
keep=["德化县人民医院南门外人行道","6平方米","“回民清真牛肉面馆”（个体工商户）","开远市灵泉街道人民路","开远市灵泉街道清真寺南侧空地",
"开远市民政局社会救助股","《中华人民共和国个人信息保护法》第二十八条","不满十四周岁","开远市残疾人联合会","残疾人辅助器具店"],
note="As r21-37, with a department in brackets after a condition (scored with it). 其丈夫 (unnamed) left unscored. 找不到工作 left unscored."))
