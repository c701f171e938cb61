"""The sample ledgers as clerks typed them: one line per row, cells separated by '|'.

Each row is (outcome [reasons…], why, cells). Outcomes: loaded, duplicate, rejected (with the
contract's reason codes, first reason first), skipped, header (a repeated header: skipped) and
blank (an entirely blank row: not a row). A cell is literal text, or:

    num:15            a number cell          date:2024-03-04    an Excel date cell
    serial:2024-04-01 the date as an Excel serial number      phone:   a fresh mobile number
    name:杨 / name:潘f a fresh name (f: female)                name:=5  the name on row 5
    id:19870527[f]    a fresh valid ID born that day           id:=5    the ID on row 5
        /num  as a numeric cell   /bad  wrong check digit   /17  cut to 17 characters
        /spaced  with spaces and a lowercase x   /wide  in full-width digits
    id:!99123419850101123   that 17-digit body with its right check digit
"""

from __future__ import annotations

from demo.sample_rows import SampleSpec

_TECH = "“贵州技工”培训|黔东南州宏达技工培训学校|电工|中级"
_MARCH = "date:2024-03-04|date:2024-03-22|num:15|是|职业技能等级证书|是|date:2024-04-08|凯里市|"
_JULY = "2024-07-01|2024-07-19|num:15|是|职业技能等级证书|否||"

KAILI = SampleSpec(
    "kaili-2024-messy.xlsx",
    "Kaili workbook: title and 填报单位 rows, merged cells above a header with line breaks and "
    "leading *, numeric ID cells, date cells, serial numbers and text dates in five styles.",
    "xlsx",
    "522601",
    (
        "凯里市2024年职业技能培训实名制台账",
        "填报单位：凯里市人力资源和社会保障局（盖章）        填报日期：2024年12月20日",
    ),
    ((0, 6, "学员基本信息"), (7, 13, "培训信息"), (14, 18, "取证及就业情况")),
    (
        "序号", "*姓名", "性别", "*身份证\n号码", "联系电话", "县（市、区）", "所属镇\n（街道）",
        "*培训\n项目", "培训机构", "培训工种", "培训等级", "*开班\n日期", "*结业\n日期", "培训天数",
        "是否取证", "证书类型", "是否就业", "就业日期", "就业地点", "备注",
    ),
    (
        ("loaded", "Excel date cells; 是 / 是",
         f"num:1|name:杨|男|id:19870527|phone:|凯里市|大十字街道|{_TECH}|{_MARCH}"),
        ("loaded", "dates as Excel serial numbers; √ / ×",
         "num:2|name:潘f|女|id:19900112f|phone:|凯里市|三棵树镇|黔菜师傅|"
         "凯里市酸汤坊餐饮职业技能培训学校|中式烹调师|初级|serial:2024-04-01|serial:2024-04-12|"
         "num:10|√|职业技能等级证书|×"),
        ("loaded", "name with inner spaces; 2024/3/5; 已取证 and a blank employed cell",
         "num:3|王 小 明|男|id:19760803|num:13985520417|凯里市|湾溪街道|黔灵家政|"
         "凯里市巴拉河家政职业培训学校|养老护理员|初级|2024/3/5|2024/3/16|num:10|已取证|"
         "职业技能等级证书"),
        ("loaded", "2024.4.8; a 3-day 短平快 class, trainee aged 63",
         "num:4|name:吴|男|id:19610219|phone:|凯里市|凯棠镇|农业种植养殖短平快培训|"
         "凯里市惠民农业技术培训中心|蓝莓种植||2024.4.8|2024.4.10|num:3|是|培训合格证书|否"),
        ("loaded", "20240506 dates",
         "num:5|name:龙f|女|id:20010930f|phone:|凯里市|西门街道|马兰花创业培训|"
         "凯里市启航创业培训中心|创业培训（SYB）||20240506|20240517|num:10|否||是|20240601|凯里市"),
        ("loaded", "2024年5月20日 dates; employed in Foshan",
         "num:6|name:石|男|id:19950714|phone:|凯里市|炉山镇|东西部协作订单定岗培训|"
         "凯里市融湾职业技能培训学校|焊工|初级|2024年5月20日|2024年6月5日|num:17|是|"
         "职业技能等级证书|是|2024年6月20日|广东省佛山市"),
        ("rejected id_mangled", "ID typed into a numeric cell (Excel keeps 15 digits)",
         f"num:7|name:顾|男|id:19830405/num|phone:|凯里市|舟溪镇|{_TECH}|{_MARCH}"),
        ("rejected id_mangled", "ID as a number again",
         f"num:8|name:欧|男|id:19920918/num|phone:|凯里市|舟溪镇|{_TECH}|{_MARCH}"),
        ("blank", "entirely blank row", ""),
        ("rejected id_checksum", "wrong check digit",
         f"num:9|name:杨|男|id:19880101/bad|phone:|凯里市|旁海镇|{_TECH}|{_JULY}"),
        ("rejected id_invalid date_order", "17-character ID, and the end before the start",
         f"num:10|name:张|男|id:19850606/17|phone:|凯里市|湾水镇|{_TECH}|2024-07-10|2024-07-01|"
         "num:15|是|职业技能等级证书|否"),
        ("rejected id_invalid", "unknown province code 99",
         f"num:11|name:李|男|id:!99123419850101123|phone:|凯里市|万潮镇|{_TECH}|{_JULY}"),
        ("rejected id_invalid", "birth date in 2088",
         f"num:12|name:吴|男|id:!52260120880101015|phone:|凯里市|龙场镇|{_TECH}|{_JULY}"),
        ("header", "the header repeated (page break in the export)", ""),
        ("rejected programme_unknown flag_invalid",
         "programme in no catalogue, and a 待定 certified cell",
         "num:13|name:文|男|id:19930303|phone:|凯里市|下司镇|乡村振兴带头人培训|"
         "黔东南州宏达技工培训学校|电工|中级|2024-07-01|2024-07-19|num:15|待定|职业技能等级证书|否"),
        ("rejected date_invalid", "start date 2025-02-30 does not exist",
         f"num:14|name:姜|男|id:19790512|phone:|凯里市|下司镇|{_TECH}|2025-02-30|2025-03-10|"
         "num:15|是|职业技能等级证书|否"),
        ("rejected date_invalid", "end date 待定",
         f"num:15|name:邰|男|id:19860822|phone:|凯里市|下司镇|{_TECH}|2024-09-02|待定|"
         "num:15|是|职业技能等级证书|否"),
        ("rejected date_order", "end before start (date cells)",
         f"num:16|name:万|男|id:19970101|phone:|凯里市|下司镇|{_TECH}|date:2024-10-15|"
         "date:2024-10-08|num:15|是|职业技能等级证书|否"),
        ("rejected date_future", "end date in 2052 (typed for 2025)",
         f"num:17|name:罗|男|id:19800229|phone:|凯里市|下司镇|{_TECH}|2024-11-04|2052-11-15|"
         "num:15|是|职业技能等级证书|否"),
        ("rejected flag_invalid", "certified cell 待定",
         f"num:18|name:杨|男|id:19890909|phone:|凯里市|下司镇|{_TECH}|2024-07-01|2024-07-19|"
         "num:15|待定|职业技能等级证书|否"),
        ("duplicate", "row 5 again under another wording of 贵州技工 (same key)",
         "num:19|name:=5|男|id:=5|phone:|凯里市|大十字街道|贵州技工|黔东南州宏达技工培训学校|电工|"
         f"中级|{_MARCH}"),
        ("rejected name_missing", "no name",
         f"num:20||男|id:19940616|phone:|凯里市|下司镇|{_TECH}|{_JULY}"),
        ("loaded", "ID with spaces and a lowercase x; 已 / 未",
         "num:21|张 伟|男|id:19900315/spaced||凯里市|碧波镇|“黔旅工匠”工程|"
         "凯里市锦绣苗乡手工艺培训中心|导游|初级|2024-08-05|2024-08-09|num:5|已||未"),
        ("blank", "entirely blank row", ""),
        ("skipped", "totals row (合计)", "合计|21人"),
    ),
)  # fmt: skip

_LINSHU_OK = "临沭县|石门镇|职业技能提升行动|临沭县鑫源职业培训学校|电工|初级"
_JUNE = "2020-06-01|2020-06-10|8|是|否|||农村劳动力"

LINSHU = SampleSpec(
    "linshu-2020-gb18030.csv",
    "Linshu CSV in GB18030 (a name with 䶮), a title row above the header, full-width digits, "
    "an ID in scientific notation, a repeated header and a 小计 row.",
    "gb18030",
    "371329",
    ("临沭县2020年职业技能提升行动补贴性培训花名册",),
    (),
    (
        "序号", "姓名", "性别", "证件号码", "县区", "镇街", "项目名称", "培训单位", "培训工种",
        "技能等级", "开始日期", "结束日期", "培训天数", "取证情况", "就业情况", "就业日期",
        "就业地点", "学员类别", "备注",
    ),
    (
        ("loaded", "plain row",
         f"1|name:王|男|id:19780412|临沭县|临沭街道|职业技能提升行动|临沭县鑫源职业培训学校|电工|"
         f"初级|{_JUNE}"),
        ("loaded", "刘䶮: a character outside GBK, so the file needs GB18030; 2020/6/15",
         "2|刘䶮|男|id:19850917|临沭县|郑山街道|补贴性职业技能培训|临沭县沭河职业技能培训学校|"
         "焊工|初级|2020/6/15|2020/6/24|8|√|√|2020/7/20|临沭县|脱贫劳动力"),
        ("loaded", "full-width digits in the ID; 2020.7.1; 已取证 / 已就业",
         "3|name:徐f|女|id:19920506f/wide|临沭县|蛟龙镇|项目制培训|临沭县德诚家政职业培训学校|"
         "家政服务员|初级|2020.7.1|2020.7.20|15|已取证|已就业|2020.8.3|临沂市|失业人员"),
        ("rejected id_mangled", "ID in scientific notation (a CSV saved from Excel)",
         f"4|name:孙|男|3.71329E+17|{_LINSHU_OK}|{_JUNE}"),
        ("rejected id_missing", "no ID", f"5|name:高|男||{_LINSHU_OK}|{_JUNE}"),
        ("rejected id_checksum", "wrong check digit",
         f"6|name:杜|男|id:19700101/bad|{_LINSHU_OK}|{_JUNE}"),
        ("rejected id_invalid", "17-character ID",
         f"7|name:褚|男|id:19880808/17|{_LINSHU_OK}|{_JUNE}"),
        ("blank", "entirely blank row (empty fields)", ""),
        ("rejected programme_missing", "no programme",
         f"8|name:庄|男|id:19750315|临沭县|石门镇||临沭县鑫源职业培训学校|电工|初级|{_JUNE}"),
        ("rejected programme_unknown", "programme in no catalogue",
         f"9|name:朱|男|id:19830620|临沭县|石门镇|乡村好青年培训|临沭县鑫源职业培训学校|电工|初级|"
         f"{_JUNE}"),
        ("rejected date_missing", "no end date",
         f"10|name:王|男|id:19900101|{_LINSHU_OK}|2020-06-01||8|是|否|||农村劳动力"),
        ("rejected date_invalid", "month 13",
         f"11|name:张|男|id:19910202|{_LINSHU_OK}|2024年13月5日|2020-06-10|8|是|否|||农村劳动力"),
        ("rejected date_invalid", "31 June",
         f"12|name:李|男|id:19870707|{_LINSHU_OK}|2020-06-01|2020.6.31|8|是|否|||农村劳动力"),
        ("rejected date_order", "end before start",
         f"13|name:刘|男|id:19960303|{_LINSHU_OK}|2020-09-10|2020-09-01|8|是|否|||农村劳动力"),
        ("rejected flag_invalid", "employed cell 不详",
         f"14|name:徐|男|id:19820404|{_LINSHU_OK}|2020-06-01|2020-06-10|8|是|不详|||农村劳动力"),
        ("loaded", "柳编 class, 2021-03-08; 是 / ×",
         "15|name:孙f|女|id:19680923f|临沭县|玉山镇|各类补贴性职业技能培训|临沭县柳韵工艺培训学校|"
         "柳编|专项能力|2021-03-08|2021-03-19|10|是|×|||农村劳动力"),
        ("header", "the header repeated", ""),
        ("loaded", "20210915 dates; 否 / 否",
         "16|name:高|男|id:19790130|临沭县|店头镇|职业技能提升行动|临沭县苍马山技能培训中心|"
         "叉车司机|初级|20210915|20210924|8|否|否|||企业职工"),
        ("duplicate", "row 3 again: another wording, the start written 2020/6/1 (same key)",
         "17|name:=3|男|id:=3|临沭县|临沭街道|职业技能提升行动培训|临沭县鑫源职业培训学校|电工|"
         "初级|2020/6/1|2020-06-10|8|是|否|||农村劳动力"),
        ("skipped", "subtotal row (小计)", "小计||||||||||||126"),
    ),
)  # fmt: skip

_DN = "东宁市|老黑山镇|职业技能提升行动|东宁市金源职业培训学校|家政服务员|初级"
_OCT = "2020-10-12|2020-10-21|10|是|否||农村劳动力"
_FUNGUS = ("黑木耳种植技术培训|东宁市木耳产业技术培训中心|黑木耳种植|专项能力|2020/3/2|2020/3/6|5|"
           "1|0||农村劳动力")  # fmt: skip

DONGNING = SampleSpec(
    "dongning-2019-utf8-bom.csv",
    "Dongning CSV in UTF-8 with a BOM: dates with a time part, 有/无, 1/0, Y/N, ✓/✗ flags, a "
    "date in 2052, a repeated header and a 总计 row.",
    "utf-8-sig",
    "231086",
    (),
    (),
    (
        "序号", "姓名", "性别", "身份证号", "区县", "所属乡镇", "培训工程", "培训机构", "工种",
        "等级", "开班时间", "结业时间", "培训天数", "是否取证", "是否就业", "就业日期", "人员类别",
        "联系电话",
    ),
    (
        ("loaded", "start with a time part; 有 / 无",
         "1|name:于|男|id:19720316|东宁市|东宁镇|职业技能提升行动|东宁市金源职业培训学校|"
         "家政服务员|初级|2019-12-05 08:30:00|2019-12-20|10|有|无||农村劳动力|phone:"),
        ("loaded", "2020/3/2; 1 / 0",
         f"2|name:曲f|女|id:19810618f|东宁市|绥阳镇|{_FUNGUS}|phone:"),
        ("loaded", "Y / N; 母婴护理师",
         "3|name:姜f|女|id:19890224f|东宁市|三岔口镇|母婴护理师|东宁市康馨母婴护理培训学校|"
         "母婴护理员|初级|2020-05-11|2020-05-22|10|Y|N||农村劳动力|phone:"),
        ("loaded", "2020年9月7日; 已取证 / 未就业",
         "4|name:隋|男|id:19660705|东宁市|大肚川镇|补贴性职业技能培训|东宁市金源职业培训学校|"
         "电工|初级|2020年9月7日|2020年9月18日|10|已取证|未就业||农村劳动力"),
        ("loaded", "2021.4.6; ✓ / ✗",
         "5|name:孙f|女|id:19930412f|东宁市|道河镇|各类补贴性职业技能培训|东宁市金源职业培训学校|"
         "育婴员|初级|2021.4.6|2021.4.16|10|✓|✗||农村劳动力"),
        ("blank", "entirely blank row (empty fields)", ""),
        ("rejected date_future", "dates in 2052 (typed for 2020)",
         f"6|name:赵|男|id:19770808|{_DN}|2052-04-01|2052-04-15|10|是|否||农村劳动力"),
        ("rejected id_checksum", "wrong check digit", f"7|name:刘|男|id:19840101/bad|{_DN}|{_OCT}"),
        ("rejected id_invalid", "ID of 12 characters", f"8|name:王|男|231086196513|{_DN}|{_OCT}"),
        ("duplicate", "row 3 again (same key)", f"9|name:=3|女|id:=3|东宁市|绥阳镇|{_FUNGUS}"),
        ("header", "the header repeated", ""),
        ("loaded", "2021年11月3日; 已取证 / 已就业",
         "10|name:张|男|id:19900521|东宁市|东宁镇|职业技能提升行动|东宁市金源职业培训学校|保安员|"
         "初级|2021年11月3日|2021年11月12日|10|已取证|已就业|2021年12月1日|农村劳动力"),
        ("rejected name_missing", "no name", f"11||男|id:19880315|{_DN}|{_OCT}"),
        ("skipped", "grand total row (总计)", "总计|11人"),
    ),
)  # fmt: skip
