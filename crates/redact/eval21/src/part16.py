# redact21, pair 16: 杂项句 D — phones (spaces, full-width, 转, dashes, half-masked) and hotlines / agency phones to keep.
# One line each, each from a different kind of source. Odd id -> dev, even -> test (SPLIT.md).
from common import D
DOCS = []

DOCS.append(D("r21-31", "杂项句 D: personal phones in every written form beside agency and shop numbers to keep (single lines of several provinces)", """\
当事人：祝国平，联系电话：139 7356 2108，住址另页。
【12345工单 DJK2026061800517】来电人联系方式：１５８６２０３９４７１，要求回访。
问：你的手机号码是多少？答：138-1702-6695，平时都开机。
当事人留下两个号码：1590 7721 358（关机时转其子1377 2209 461）。
公示：当事人 某某，联系电话159****7716，处罚结果已执行。
当事人住宅电话：（0595）2278 6613，手机另行登记。
丹江口市城市管理执法局咨询电话：0719-5226 319转8001，城管服务热线12319。
涉案店铺招牌上的订餐电话为（店内）0755-2663 1180，已责令覆盖。
（询问笔录，当事人口述号码）1 3 9 0 6 7 1 2 2 8 5
（来信落款）联系电话：一三八五七二六九四〇三　房东谷先生
（回访记录）来电尾号7732的群众对处理结果表示满意。
（聊天记录）对方微信号：cx13907712385，昵称“晨曦”，头像为当事人店铺门头。
【12345工单】工单编号：2026081500412，受理渠道：12345政务服务便民热线，承办单位：丹江口市城市管理执法局。
执法人员：王海（执法证号42038126052，工作手机133 2710 5826）。
当事人住宅电话：0371-6612-3587（登封市嵩阳街道，已核实）。
（送达回证）受送达人电话：135 **** 6620，经电话联系后上门送达。
证人郝春生（电话：181 3326 0957）证实当事人每晚在此经营至凌晨。
建筑工地项目部电话：0719-5330 218（项目部专人值守），非个人号码。
""",
mask=[("祝国平","name"),("139 7356 2108","phone"),("１５８６２０３９４７１","phone"),("138-1702-6695","phone"),("1590 7721 358","phone"),
("1377 2209 461","phone"),("159****7716","phone"),("2278 6613","phone"),("1 3 9 0 6 7 1 2 2 8 5","phone"),("一三八五七二六九四〇三","phone"),
("谷先生","name"),("7732","phone"),("cx13907712385","contact"),("6612-3587","phone"),("135 **** 6620","phone"),("郝春生","name"),("181 3326 0957","phone")],
keep=["DJK2026061800517","丹江口市城市管理执法局","0719-5226 319转8001","12319","（店内）0755-2663 1180","2026081500412","12345政务服务便民热线",
"王海","42038126052","133 2710 5826","登封市嵩阳街道","0719-5330 218（项目部专人值守）"],
note="Spaced, full-width, dashed, digit-by-digit and Chinese-numeral mobiles, a 转 to a relative's phone, half-masked ones, a home landline after an area code in brackets or a dash (code outside the item), the last four alone, a WeChat id holding a number. Kept: an agency's number with 转 and 12319, a shop's landline marked （店内）, a work order number, an officer's 工作手机 on his 执法证号 line, a project office's number. 某某 (masked at source) not an item."))

DOCS.append(D("r21-32", "杂项句 D: personal phones in every written form beside agency and shop numbers to keep (single lines of several provinces)", """\
当事人：仇建明，联系电话：137-7316-2290。
【12345工单 LY2026072100318】来电人联系方式：１３９ ０７１６ ５２８４，来电人要求保密。
问：你的联系方式？答：手机号13508 46 2297，微信同号。
当事人电话：188 7702 6531（关机请转其弟 152 2631 0846）。
公示：当事人 某某，联系电话186****3029，已履行。
当事人家中电话：0734-8523 617（家）。
常宁市城市管理和综合执法局值班电话：0734-7226 901转3（执法大队值班室），投诉电话12345。
涉案公司联系电话：（公司）0543-5327 116，联系人为公司前台。
（询问笔录，当事人口述号码）幺三六七五八二二零九四
（回访记录）手机后四位8806的来电人对处理结果不满意，已转办。
（来信落款）QQ：2847715093　来信人邮箱：wangjianhua1979@163.com
执法人员：刘静（执法证号43048226018，工作手机 139 7345 1102）。
【12345工单】工单编号：2026080900877，办结时限：2026年8月16日。
当事人住宅电话：0395-2287-163（住宅）。
（送达回证）受送达人电话：139XXXX6621，受送达人本人签收。
（证人：马小芳，电话 133 8520 9716）
该品牌全国服务热线：400-6312-888，与当事人无关。
""",
mask=[("仇建明","name"),("137-7316-2290","phone"),("１３９ ０７１６ ５２８４","phone"),("13508 46 2297","phone"),("188 7702 6531","phone"),
("152 2631 0846","phone"),("186****3029","phone"),("8523 617","phone"),("幺三六七五八二二零九四","phone"),("8806","phone"),("2847715093","contact"),
("wangjianhua1979@163.com","contact"),("2287-163","phone"),("139XXXX6621","phone"),("马小芳","name"),("133 8520 9716","phone")],
keep=["LY2026072100318","常宁市城市管理和综合执法局","0734-7226 901转3（执法大队值班室）","（公司）0543-5327 116","刘静","43048226018",
"139 7345 1102","2026080900877","2026年8月16日","400-6312-888"],
note="As r21-31. The home landline scored without its area code; 12345 and a brand's 400 hotline kept; the agency's duty number with 转 kept; an officer's 工作手机 on his 执法证号 line kept. 某某 (masked at source) not an item."))
