#!/usr/bin/env python3
"""Writes the quirk fixtures' data files (their exact bytes matter: BOM, encoding, line ends).
Run from this folder; then run SourceQuirkGoldenTests with -Dgolden.update=true and read the diff."""
import csv, io, os

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
M = '10X98765432'
A = '0123456789ABCDEFGHJKLMNPQRTUWXY'
UW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def idn(s17):
    return s17 + M[sum(int(c) * w for c, w in zip(s17, W)) % 11]


def uscc(s17):
    c = 31 - sum(A.index(ch) * w for ch, w in zip(s17, UW)) % 31
    return s17 + A[0 if c == 31 else c]


def fw(s):
    return ''.join(chr(ord(c) + 0xFEE0) if c.isalnum() and ord(c) < 128 else c for c in s)


def xid():
    for i in range(1000):
        x = idn('50011419850101%03d' % i)
        if x.endswith('X'):
            return x


def case(name, yaml, files, readme):
    os.makedirs(name + '/data', exist_ok=True)
    open(name + '/pipeline.yaml', 'w', encoding='utf-8').write(yaml)
    for fn, data in files.items():
        open(name + '/data/' + fn, 'wb').write(data)
    open(name + '/README.md', 'w', encoding='utf-8').write(readme)


def tocsv(rows, nl='\n', delim=','):
    b = io.StringIO()
    csv.writer(b, lineterminator=nl, delimiter=delim).writerows(rows)
    return b.getvalue()


HEAD = 'district: "%s"\nlanding: x\nsources:\n'
ROSTER = '''  roster:
    file: r.csv
    columns:
      id_number: [身份证号码, 身份证号, 公民身份号码]
      name: 姓名
      categories: {header: 人才类别, separator: "、；;"}
'''
a = idn('50011619800115000')
b = idn('50011619900220001')
x = xid()

case('utf8_bom_crlf', HEAD % '500116' + ROSTER + '      education: 学历\n',
     {'r.csv': ('\ufeff' + tocsv([['身份证号码', '姓名', '人才类别', '学历'], [a, '张"三"', '专业技术人才', '本科'],
                                  [b, '李,四\n（二行）', '高技能人才、科技人才', '硕士']], nl='\r\n')).encode('utf-8')},
     'UTF-8 with a BOM and CRLF line ends; a quoted name holding a quote, a comma and a line break.\n'
     'The second record starts on line 3 and spans two lines, so nothing after it is off by one.\n')

case('gb18030_traditional', HEAD % '500114' + '''  roster:
    file: r.csv
    encoding: GB18030
    columns:
      id_number: [身份證號碼, 身份證號]
      name: 姓名
      categories: {header: 人才類別, separator: "；"}
      education: 學歷
      title: 職稱
''', {'r.csv': tocsv([['身份證號碼', '姓名', '人才類別', '學歷', '職稱'],
                      ['  ' + fw(x[:-1]) + 'x  ', '黃小明', '專業技術人才；醫療衛生人才', '碩士研究生', '高級工程師'],
                      [fw(idn('50011419750505123')), '陳大文', '黨政人才', '大學本科', '']], nl='\r\n').encode('gb18030')},
     'A district new to the warehouse: GB18030, CRLF, Traditional headers and values (專業技術人才,\n'
     '碩士研究生, 高級工程師), full-width digits, a lower-case x check character and an ID padded with\n'
     'spaces. Only a pipeline file is needed.\n')

case('header_spacing_synonyms', HEAD % '500110' + ROSTER + '      education: 学历\n',
     {'r.csv': tocsv([['\u200b身份证号 ', '姓　名', '  人才类别', '"学历"'], [a, '王五', '企业经营管理人员', '大专']]).encode('utf-8')},
     'Header names with a zero-width space, a full-width space inside (姓　名), padding and quotes; the\n'
     'ID column found through its second synonym (身份证号). 企业经营管理人员 is a seed synonym.\n')

case('multi_value_categories', HEAD % '500241' + '''  roster:
    file: r.csv
    delimiter: ";"
    columns:
      id_number: 证件号码
      name: 姓名
      categories: {header: 人才分类, separator: "/"}
    values:
      categories:
        乡土人才: rural_practical
        电商人才: commerce_logistics
''', {'r.csv': tocsv([['证件号码', '姓名', '人才分类'], [a, '甲', '乡土人才/电商人才/乡土人才'],
                      [b, '乙', '专业技术人才/志愿者'], [x, '丙', '']], delim=';').encode('utf-8')},
     '`;`-delimited; several categories in one cell split on `/`, district names mapped by the\n'
     "pipeline's `values` (乡土人才, 电商人才), a repeated category kept once; one unknown category\n"
     '(志愿者) quarantines the whole record as category_unknown; an empty category is required_missing.\n')

bad_ck = a[:17] + ('1' if a[17] != '1' else '2')
case('id_number_rules', HEAD % '500116' + ROSTER,
     {'r.csv': tocsv([['身份证号码', '姓名', '人才类别'], [a, '甲', '专业技术人才'], [bad_ck, '乙', '专业技术人才'],
                      [idn('50011619991332123'), '丙', '专业技术人才'], [idn('50011620300101123'), '丁', '专业技术人才'],
                      [a[:17], '戊', '专业技术人才'], ['50011619800115000A', '己', '专业技术人才'], ['', '庚', '专业技术人才'],
                      [b, '', '专业技术人才'], [x.lower(), '辛', '专业技术人才']]).encode('utf-8')},
     'Every resident ID rule: a valid number; a wrong check digit (id_checksum); a 13th month and a\n'
     'birth date in the future with correct check digits (id_birth_date); 17 characters and a letter\n'
     'inside (id_format); an empty ID and an empty name (required_missing); a lower-case x check\n'
     'character (valid). Quarantined IDs are masked.\n')

u1 = uscc('91500116MA5U00001')
u2 = uscc('91500116MA5U00002')
case('enterprise_codes_and_dates', HEAD % '500116' + '''  enterprise:
    file: e.csv
    columns:
      uscc: 统一社会信用代码
      enterprise_name: 企业名称
      qualification: 资质
      granted_date: 认定时间
''', {'e.csv': tocsv([['统一社会信用代码', '企业名称', '资质', '认定时间'], [u1.lower(), '甲公司', '专精特新中小企业', '2022年6月'],
                      [fw(u2), '乙公司', '国家级专精特新“小巨人”企业', '2023.07'], [u1, '甲公司', '高新技术企业', '202012'],
                      [u2, '乙公司', '科技型企业', '45291'], [u1[:17] + ('A' if u1[17] != 'A' else 'B'), '丙公司', '科技型企业', '2020-01-01'],
                      [u1[:16] + 'I' + u1[17], '丁公司', '科技型企业', '2020-01-01'], [u2, '乙公司', '创新型中小企业', '2023年13月'],
                      [u2, '乙公司', '优秀企业', '2020']]).encode('utf-8')},
     'Credit codes in lower case and full width (both valid), a wrong check character (uscc_checksum),\n'
     'a letter outside the GB 32100 alphabet (uscc_format); dates as 2022年6月, 2023.07, 202012 and an\n'
     'Excel serial; 2023年13月 (date_invalid); an unknown qualification (vocabulary_unknown).\n')

case('error_wrong_encoding', HEAD % '500116' + ROSTER,
     {'r.csv': tocsv([['身份证号码', '姓名', '人才类别'], [a, '甲', '专业技术人才']]).encode('gbk')},
     'The pipeline says UTF-8 (the default) but the file is GBK: the source fails with one sentence\n'
     'naming the file and pointing at the `encoding` setting, instead of loading mojibake.\n')
case('error_missing_column', HEAD % '500116' + ROSTER,
     {'r.csv': tocsv([['身份证号码', '姓名', '类别'], [a, '甲', '专业技术人才']]).encode('utf-8')},
     'The mapped column 人才类别 is not in the header: the source fails naming the field, the names it\n'
     'looked for and the header it found.\n')
case('error_empty_body', HEAD % '500116' + ROSTER,
     {'r.csv': tocsv([['身份证号码', '姓名', '人才类别']]).encode('utf-8')},
     'A header and no records: the source fails rather than loading an empty snapshot over a good one.\n')

case('district_and_quantities', HEAD % '江津' + '''  enterprise:
    file: e.csv
    columns:
      uscc: 统一社会信用代码
      enterprise_name: 企业名称
      qualification: 资质
      registered_capital: 注册资本
      district: 所属区县
''', {'e.csv': tocsv([['统一社会信用代码', '企业名称', '资质', '注册资本', '所属区县'],
                      [u1, '甲公司', '高新技术企业', '500万', '江津区'], [u2, '乙公司', '科技型企业', '1.2亿元', '重庆市江津区'],
                      [u1, '甲公司', '科技型企业', '３，０００，０００', '江津'], [u2, '乙公司', '创新型中小企业', '23.61万', '500116'],
                      [u1, '甲公司', '专精特新中小企业', '约五百万', '江津区'], [u2, '乙公司', '高新技术企业', '100万', '綦江区'],
                      [u1, '甲公司', '创新型中小企业', '', '江南区']]).encode('utf-8')},
     'The pipeline names its district by name (江津), not code. Registered capital with 万 and 亿, a\n'
     'trailing 元, full-width digits with separators (staged as plain numbers: 23.61万 is 236100);\n'
     'text that is no amount (约五百万) is quantity_invalid. 所属区县 in any variant must be the\n'
     "pipeline's district: 綦江区 is district_mismatch, 江南区 (not in Chongqing) district_unknown.\n")

# JSON pages as the talent platform serves them (written compactly, UTF-8); the .xlsx fixtures come
# from QuirkWorkbooks.java
import json


def page(records, n, pages):
    return (json.dumps({'code': 0, 'msg': '操作成功', 'data': {'records': records, 'total': 5, 'size': 3,
                                                           'page': n, 'pages': pages}},
                       ensure_ascii=False) + '\n').encode('utf-8')


JSON_ROSTER = '''  roster:
    file: rc_page_*.json
    format: json
    records: data.records
    pagination:
      total_pages: data.pages
    columns:
      id_number: [zjhm, idNumber]
      name: name
      categories: {header: talentCategories, separator: "/"}
      education: education
      employer_uscc: employer.creditCode
    values:
      categories:
        乡土人才: rural_practical
'''
u1 = uscc('91500241MA5U00001')
p1 = [{'idNumber': a, 'name': '甲', 'talentCategories': ['乡土人才', '专业技术人才'], 'education': '大专',
       'employer': {'creditCode': u1}},
      {'idNumber': int(b), 'name': '乙', 'talentCategories': ['高技能人才'], 'education': None, 'employer': None},
      {'idNumber': x, 'name': '丙', 'talentCategories': ['专业技术人才'], 'employer': {'creditCode': None}}]
p2 = [{'idNumber': idn('50024119900101000'), 'name': '丁', 'talentCategories': ['高技能人才'],
       'education': '本科', 'employer': {'creditCode': u1.lower()}, 'extra': {'note': '新增'}},
      {'idNumber': a, 'name': '甲', 'talentCategories': [], 'education': '大专', 'employer': None}]
case('json_pages', HEAD % '500241' + JSON_ROSTER,
     {'rc_page_001.json': page(p1, 1, 2), 'rc_page_002.json': page(p2, 2, 2), 'rc_notes.json': b'{}\n'},
     "The platform's paged JSON as the district downloaded it: every file the glob matches, in name\n"
     'order (rc_notes.json does not match). Lines are record ordinals across pages (1-5). Nested keys\n'
     '(employer.creditCode, also when employer is null), arrays as multi-valued cells, an ID written\n'
     'as a JSON number keeps all 18 digits (乙, line 2), a record without the education key, a key the\n'
     'pipeline does not map; 甲 comes again on line 5 with an empty category array (required_missing).\n')
case('error_json_missing_page', HEAD % '500241' + JSON_ROSTER,
     {'rc_page_001.json': page(p1, 1, 3), 'rc_page_003.json': page(p2, 3, 3)},
     'The pages say there are 3 but only 2 were downloaded: a snapshot is loaded only whole, so the\n'
     'source fails before reading a record.\n')
case('error_json_missing_key', HEAD % '500241' + JSON_ROSTER.replace('name: name', 'name: fullName'),
     {'rc_page_001.json': page(p1, 1, 1)},
     'The pipeline maps a key no record has: the source fails naming the field, the keys looked for\n'
     'and the keys the records have (nested ones as dotted paths).\n')

PROGRAM = '''  program:
    file: p.csv
    encoding: GB18030
    columns:
      id_number: 身份證號碼
      name: 姓名
      programme: 項目
      tier: 層次
      education: 學歷
      awarded_date: 認定日期
      end_date: 截止日期
      employer_uscc: 單位信用代碼
'''
q1 = idn('50011419800115001')
q2 = idn('50011419850220002')
q3 = idn('50011419900310003')
case('program_ledger', HEAD % '500114' + PROGRAM,
     {'p.csv': tocsv([['身份證號碼', '姓名', '項目', '層次', '學歷', '認定日期', '截止日期', '單位信用代碼'],
                      [q1, '甲', '渝才薈認定', '', '', '2023/5/12', '', ''],
                      [q2, '乙', '新重慶人才', '', '碩士', '2022年3月', '', uscc('91500114MA5U00001')],
                      [q3, '丙', '重慶英才服務卡', '英才服務卡A卡', '博士', '2021-09-01', '2024-08-31', ''],
                      [q1, '甲', '重慶英才服務卡', 'B卡', '', '2021.10', '', ''],
                      [q2, '乙', '科技副總', 'A卡', '', '2023-01-01', '', ''],
                      [q3, '丙', '銀齡人才', '', '', '2023-01-01', '2022-12-31', ''],
                      [q1, '甲', '鄉村振興人才', '', '', '2023-01-01', '', ''],
                      [q2, '乙', '柔性引進', '', '', '', '', ''],
                      [q3, '丙', '重慶英才服務卡', 'C卡', '', '2023-01-01', '', ''],
                      [q1[:17] + ('1' if q1[17] != '1' else '2'), '丁', '引進意向', '', '碩士', '2023-01-01', '', '']],
                     nl='\r\n').encode('gb18030')},
     'A programme ledger (人才项目台账, the program source) in GB18030 with Traditional names: programmes\n'
     'and tiers by name or synonym (渝才薈認定 / 新重慶人才, 英才服務卡A卡 / B卡), dates in any form, a degree;\n'
     'then a tier of another programme (科技副總 with A卡: tier_not_of_programme), an award ending before\n'
     'it was made (end_before_award), an unknown programme and an unknown tier (vocabulary_unknown), no\n'
     'award date (required_missing) and a wrong check digit (id_checksum, masked). A second award of the\n'
     'same programme to the same person is a duplicate, caught when staging (TalentProgrammesFunctionalTests).\n')
