//! General word lists the suggestion rules rely on: Chinese surnames, the characters of
//! transliterated foreign names, titles, organisation suffixes and English designators.
//! Nothing here is specific to any document: these are the closed classes of the two
//! languages (and of Chinese official naming), kept in one place so they can be reviewed.

use std::collections::HashSet;
use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

/// Han characters (CJK unified ideographs and their extensions, compatibility ideographs,
/// and 〇, which writes zero in dates like 二〇一七年).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Single-character Chinese surnames: the common ones of the Hundred Family Surnames and
/// of modern registers. Characters that are far more often prepositions or conjunctions at
/// the start of a glued token (向, 于, 和, 由, 经, 以 …) are left out on purpose: jieba's HMM
/// glues them to a following name (向X, 由X), and a name they really start is rare.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘\
蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾\
毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳\
甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤\
阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商\
刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼\
闻厉伊仝区郜阚权帅屠朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌裘亓\
修邰赫杭况宿鲜逯茹诸战慕危亢嵇湛宾戎勾茅揭尉束檀衣昝幸奉植衡尧闭";

/// Two-character surnames. Only those that are not also everyday words (东方, 西门 and 百里
/// are left out).
pub(crate) const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "端木", "独孤", "呼延", "钟离", "澹台", "申屠", "公冶", "太史", "闻人", "濮阳",
];

pub(crate) fn is_surname_char(c: char) -> bool {
    SURNAMES.contains(c)
}

pub(crate) fn compound_surname_at(chars: &[char]) -> bool {
    chars.len() >= 2
        && COMPOUND_SURNAMES.iter().any(|s| {
            let mut it = s.chars();
            it.next() == Some(chars[0]) && it.next() == Some(chars[1])
        })
}

/// Characters of the standard transliteration of foreign names (阿 巴 卡 斯 …): a run of
/// them around a middle dot is a foreign name.
const TRANSLITERATION: &str =
    "阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东\
杜多厄恩尔法凡范菲费芬丰弗福富盖甘冈戈格葛根古瓜圭贵哈海汉豪赫黑亨洪胡华怀惠霍基吉加迦贾杰金卡凯坎\
康考柯科可克肯孔库夸奎拉腊莱赖兰朗劳勒雷蕾黎里理力立利莉丽列林琳伦隆卢鲁路吕罗洛马玛迈麦曼芒毛梅美\
门蒙米密明摩莫默姆穆纳娜乃奈南内尼妮涅宁纽努诺欧帕潘庞佩彭皮珀普奇齐恰乔切钦琼丘曲萨塞赛桑瑟森沙莎\
尚舍什施史斯松苏索塔泰坦汤唐特滕提廷图托瓦万旺威韦维温沃乌伍武西希锡夏谢辛休许雅亚扬耶伊依因英尤\
于约泽扎詹兹佐瑙丝茨娅娃琪瑞霍普蒂莱烈夫契柯舍赫妮黛缇芙薇菲璐珂伏涅叶翰逊森顿纽哲朱卓霍";

pub(crate) fn is_transliteration_char(c: char) -> bool {
    TRANSLITERATION.contains(c)
}

/// Middle dots that join the parts of a transliterated name (约翰·史密斯); the fold maps
/// the others to U+00B7.
pub(crate) fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧' | '･' | '∙')
}

/// Titles and roles written after a Chinese name (王强同志, 李华教授); not part of the span.
pub(crate) const ZH_TITLES_AFTER: &[&str] = &[
    "先生",
    "女士",
    "小姐",
    "太太",
    "夫人",
    "博士",
    "教授",
    "同志",
    "老师",
    "律师",
    "医生",
    "主任",
    "副主任",
    "所长",
    "副所长",
    "处长",
    "副处长",
    "局长",
    "副局长",
    "科长",
    "副科长",
    "经理",
    "总经理",
    "副总经理",
    "董事长",
    "董事",
    "书记",
    "副书记",
    "部长",
    "副部长",
    "厅长",
    "院长",
    "副院长",
    "校长",
    "主席",
    "副主席",
    "总裁",
    "会长",
    "警官",
    "法官",
    "检察官",
    "记者",
    "厂长",
    "市长",
    "副市长",
    "省长",
    "县长",
    "研究员",
    "工程师",
    "秘书长",
    "大使",
    "领事",
];

/// Words after which a Chinese name follows (法定代表人X, 名叫X, 导师X).
pub(crate) const ZH_CUES_BEFORE: &[&str] = &[
    "名叫",
    "叫做",
    "法定代表人",
    "代表人",
    "负责人",
    "陈述人",
    "举报人",
    "申请人",
    "被告人",
    "原告人",
    "犯罪嫌疑人",
    "嫌疑人",
    "导师",
    "律师",
    "记者",
    "联系人",
    "经办人",
    "签名人",
    "委托人",
    "受托人",
    "证人",
    "董事",
    "股东",
    "署名",
];

/// Characters that, glued to the front of an unknown token by jieba's HMM, are a
/// preposition or conjunction rather than part of the name (由华瑞 → 由 + 华瑞).
pub(crate) fn is_glue_char(c: char) -> bool {
    "经由向以而在从对与把被给将为和及据跟同替让叫至于".contains(c)
}

/// Chinese function characters that never belong to a name.
pub(crate) fn is_function_char(c: char) -> bool {
    "的了着过是在和与及或也都就又还才把被将对从向由以为于而之其这那该此各每某个们地得所么吗呢吧啊呀哦嘛"
        .contains(c)
}

/// How an organisation suffix behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SuffixKind {
    /// 公司, 有限公司, 集团: a trade name must come before it (上海公司 is "a Shanghai company").
    Commercial,
    /// 委员会, 研究所, 大学, 公安局 …: public bodies, often named by plain nouns.
    Institutional,
    /// 支行, 分公司, 分局 …: a branch, named by a short place-like word after its parent.
    Branch,
    /// 队, 男队, 组织 …: a team or a body that is only an organisation after a name or a
    /// place (中国 女篮, 世贸 组织; 全队, 党组织 are not names).
    Named,
}

/// Multi-character suffixes, longest first within each family.
const ORG_SUFFIXES: &[(&str, SuffixKind)] = &[
    ("有限责任公司", SuffixKind::Commercial),
    ("股份有限公司", SuffixKind::Commercial),
    ("有限公司", SuffixKind::Commercial),
    ("公司", SuffixKind::Commercial),
    ("集团", SuffixKind::Commercial),
    ("总公司", SuffixKind::Commercial),
    ("分公司", SuffixKind::Branch),
    ("支行", SuffixKind::Branch),
    ("分行", SuffixKind::Branch),
    ("分局", SuffixKind::Branch),
    ("营业部", SuffixKind::Branch),
    ("办事处", SuffixKind::Branch),
    ("分院", SuffixKind::Branch),
    ("委员会", SuffixKind::Institutional),
    ("研究所", SuffixKind::Institutional),
    ("研究院", SuffixKind::Institutional),
    ("研究室", SuffixKind::Institutional),
    ("研究中心", SuffixKind::Institutional),
    ("实验室", SuffixKind::Institutional),
    ("学院", SuffixKind::Institutional),
    ("大学", SuffixKind::Institutional),
    ("中学", SuffixKind::Institutional),
    ("小学", SuffixKind::Institutional),
    ("学校", SuffixKind::Institutional),
    ("银行", SuffixKind::Institutional),
    ("医院", SuffixKind::Institutional),
    ("协会", SuffixKind::Institutional),
    ("学会", SuffixKind::Institutional),
    ("基金会", SuffixKind::Institutional),
    ("联合会", SuffixKind::Institutional),
    ("商会", SuffixKind::Institutional),
    ("中心", SuffixKind::Institutional),
    ("政府", SuffixKind::Institutional),
    ("法院", SuffixKind::Institutional),
    ("检察院", SuffixKind::Institutional),
    ("公安局", SuffixKind::Institutional),
    ("管理局", SuffixKind::Institutional),
    ("办公室", SuffixKind::Institutional),
    ("办公厅", SuffixKind::Institutional),
    ("军区", SuffixKind::Institutional),
    ("总部", SuffixKind::Institutional),
    ("注册处", SuffixKind::Institutional),
    ("管理处", SuffixKind::Institutional),
    ("派出所", SuffixKind::Institutional),
    ("报社", SuffixKind::Institutional),
    ("电视台", SuffixKind::Institutional),
    ("电台", SuffixKind::Institutional),
    ("日报", SuffixKind::Institutional),
    ("出版社", SuffixKind::Institutional),
    ("交易所", SuffixKind::Institutional),
    ("大使馆", SuffixKind::Institutional),
    ("领事馆", SuffixKind::Institutional),
    ("党委", SuffixKind::Institutional),
    ("部队", SuffixKind::Institutional),
    ("代表团", SuffixKind::Institutional),
    ("艺术团", SuffixKind::Institutional),
    ("访问团", SuffixKind::Institutional),
    ("歌舞团", SuffixKind::Institutional),
    ("舞团", SuffixKind::Institutional),
    ("乐团", SuffixKind::Institutional),
    ("剧团", SuffixKind::Institutional),
    ("马戏团", SuffixKind::Institutional),
    ("合唱团", SuffixKind::Institutional),
    ("杂志社", SuffixKind::Institutional),
    ("通讯社", SuffixKind::Institutional),
    ("联合社", SuffixKind::Institutional),
    ("合作社", SuffixKind::Institutional),
    ("俱乐部", SuffixKind::Institutional),
    ("常委会", SuffixKind::Institutional),
    ("村委会", SuffixKind::Institutional),
    ("居委会", SuffixKind::Institutional),
    ("理事会", SuffixKind::Institutional),
    ("董事会", SuffixKind::Institutional),
    ("调查组", SuffixKind::Institutional),
    ("领导小组", SuffixKind::Institutional),
    ("组织", SuffixKind::Named),
    ("男队", SuffixKind::Named),
    ("女队", SuffixKind::Named),
    ("男篮", SuffixKind::Named),
    ("女篮", SuffixKind::Named),
    ("男排", SuffixKind::Named),
    ("女排", SuffixKind::Named),
    ("男足", SuffixKind::Named),
    ("女足", SuffixKind::Named),
    ("队", SuffixKind::Named),
];

/// One-character suffixes of government and internal units (局, 处, 部 …) and of
/// factories (厂). They are also
/// measure words or parts of ordinary words (一部, 两局, 好处), so they count only as a token
/// of their own or at the end of a token jieba tags as an organisation.
pub(crate) const ORG_SINGLE_SUFFIXES: &str = "局处部厅署所院室委厂";

/// The suffix `word` ends with, if any: its length in characters and kind.
pub(crate) fn org_suffix(word: &str) -> Option<(usize, SuffixKind)> {
    ORG_SUFFIXES
        .iter()
        .filter(|(s, _)| word.ends_with(s))
        .map(|(s, kind)| (s.chars().count(), *kind))
        .max_by_key(|(len, _)| *len)
}

/// Words that end a Chinese document title (申请书, 情况的通报, 处分的决定).
pub(crate) const ZH_GENRE_ENDINGS: &[&str] = &[
    "书",
    "通报",
    "通知",
    "决定",
    "公告",
    "声明",
    "报告",
    "意见",
    "办法",
    "规定",
    "条例",
    "批复",
    "函",
    "纪要",
    "公报",
    "通告",
    "判决",
    "裁定",
    "起诉书",
    "协议",
    "合同",
    "章程",
    "指引",
    "细则",
];

/// Generic place words jieba sometimes tags as names: not places of their own.
pub(crate) const ZH_GENERIC_PLACES: &[&str] = &[
    "境外", "境内", "国内", "国外", "海外", "内地", "本地", "当地", "外地", "本市", "本省", "全国",
    "各地", "海关", "对外", "回国",
];

/// English personal titles; the name after them is a person (the title is not part of it).
pub(crate) const EN_TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Comrade",
    "Sir",
    "Dame",
    "Madam",
    "Mme",
    "Judge",
    "President",
    "Chairman",
    "Chairwoman",
    "Director",
    "Minister",
    "Ambassador",
    "General",
    "Colonel",
    "Captain",
    "Lieutenant",
    "Sergeant",
    "Inspector",
    "Detective",
    "Mayor",
    "Governor",
    "Senator",
    "Rev",
    "Premier",
    "Secretary",
];

/// English organisation designators (matched on the capitalised word).
pub(crate) const EN_ORG_DESIGNATORS: &[&str] = &[
    "Corporation",
    "Corp",
    "Company",
    "Co",
    "Ltd",
    "Limited",
    "Inc",
    "Incorporated",
    "Group",
    "Holdings",
    "LLC",
    "LLP",
    "PLC",
    "GmbH",
    "AG",
    "Bank",
    "University",
    "Institute",
    "College",
    "School",
    "Academy",
    "Laboratory",
    "Laboratories",
    "Lab",
    "Committee",
    "Commission",
    "Council",
    "Ministry",
    "Department",
    "Bureau",
    "Agency",
    "Administration",
    "Authority",
    "Office",
    "Division",
    "Section",
    "Branch",
    "Sub-branch",
    "Association",
    "Society",
    "Federation",
    "Union",
    "Foundation",
    "Army",
    "Police",
    "Registry",
    "Court",
    "Procuratorate",
    "Government",
    "Hospital",
    "Center",
    "Centre",
    "Party",
    "Board",
    "Trust",
    "Firm",
    "Consultancy",
    "Brigade",
    "Regiment",
    "Headquarters",
    "Secretariat",
    "Directorate",
    "Inspectorate",
    "Service",
];

/// Designators that close a name with a trailing period (`Co.`, `Ltd.`, `Inc.`, `Corp.`).
pub(crate) const EN_DOTTED_DESIGNATORS: &[&str] = &["Co", "Ltd", "Inc", "Corp"];

/// English place designators (Nanjing City, Tianhe District, Huanggang Border Port).
pub(crate) const EN_PLACE_DESIGNATORS: &[&str] = &[
    "City",
    "Province",
    "District",
    "County",
    "Zone",
    "Port",
    "Bay",
    "Street",
    "Road",
    "Avenue",
    "Island",
    "Islands",
    "Region",
    "Prefecture",
    "Town",
    "Township",
    "Village",
    "Lake",
    "River",
    "Mountain",
    "Mountains",
    "Square",
    "Harbour",
    "Harbor",
    "Airport",
    "Peninsula",
];

/// Head words of document titles (Supply Contract, Provisions on the Administration of …).
pub(crate) const EN_GENRE_WORDS: &[&str] = &[
    "Statement",
    "Declaration",
    "Contract",
    "Contracts",
    "Agreement",
    "Provisions",
    "Regulations",
    "Rules",
    "Measures",
    "Decision",
    "Notice",
    "Circular",
    "Report",
    "Law",
    "Act",
    "Letter",
    "Memorandum",
    "Order",
    "Opinions",
    "Plan",
    "Daily",
    "Gazette",
    "Journal",
    "Announcement",
    "Judgment",
    "Judgement",
    "Verdict",
    "Indictment",
    "Charter",
    "Treaty",
    "Convention",
    "Guidelines",
    "Directive",
];

/// Capitalised words that begin sentences and never begin a name, beyond the segmenter's
/// [`crate::segment::SENTENCE_STARTERS`].
pub(crate) const EN_EXTRA_STARTERS: &[&str] = &[
    "Under",
    "Over",
    "Between",
    "Once",
    "Having",
    "Inside",
    "Outside",
    "Upon",
    "Until",
    "Unlike",
    "Like",
    "Despite",
    "Among",
    "Through",
    "Throughout",
    "Within",
    "Without",
    "Against",
    "Along",
    "Around",
    "Besides",
    "Beyond",
    "Near",
    "Since",
    "Via",
    "Per",
    "Here",
    "Only",
    "Even",
    "Just",
    "Not",
    "Please",
    "Members",
    "Recently",
    "Yesterday",
    "Today",
    "Tomorrow",
    "Last",
    "Next",
    "Dear",
    "Chapter",
    "Article",
    "Section",
    "Part",
    "Annex",
    "Page",
    "Room",
    "Meeting",
];

pub(crate) fn is_en_starter(word: &str) -> bool {
    crate::segment::SENTENCE_STARTERS.contains(&word) || EN_EXTRA_STARTERS.contains(&word)
}

/// Words after which a capitalised pair is a place or a thing, not a person: people are
/// not `in`, `at` or `a` something (`in Hong Kong`, `a Hong Kong woman`).
pub(crate) const NOT_BEFORE_PEOPLE: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "into",
    "at",
    "near",
    "across",
    "via",
    "outside",
    "inside",
    "throughout",
    "within",
    "around",
    "towards",
    "toward",
];

/// Romanised Cantonese surnames; a name with one of these needs a
/// hyphenated given name (Chan Tai-man) to count, since several are also English words.
const CANTONESE_SURNAMES: &[&str] = &[
    "chan", "wong", "leung", "cheung", "lau", "lee", "ng", "ho", "tsang", "lam", "mak", "yip",
    "tang", "chow", "yeung", "kwok", "tse", "fung", "lo", "law", "lai", "chu", "cheng", "kwan",
    "hui", "siu", "tam", "au", "poon", "choi", "chung", "wan", "ko", "tsui", "shum", "tong", "wai",
    "luk", "mok", "ip", "pang", "sze", "fok", "yiu", "yau", "kam", "chiu", "fong",
];

pub(crate) fn is_cantonese_surname(lower: &str) -> bool {
    CANTONESE_SURNAMES.contains(&lower)
}

/// Every toneless pinyin syllable (from the `pinyin` crate's readings of the CJK block).
pub(crate) fn pinyin_syllables() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = HashSet::new();
        for code in 0x4E00u32..=0x9FFF {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if let Some(multi) = c.to_pinyin_multi() {
                for p in multi {
                    set.insert(p.plain());
                }
            }
        }
        set
    })
}

/// The pinyin spellings of the surnames above (every reading: 单 → shan, 曾 → zeng,
/// 仇 → qiu), lowercase, plus the compound surnames joined (ouyang, sima).
pub(crate) fn pinyin_surnames() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = HashSet::new();
        for c in SURNAMES.chars() {
            if let Some(multi) = c.to_pinyin_multi() {
                for p in multi {
                    set.insert(p.plain().to_string());
                }
            }
        }
        for compound in COMPOUND_SURNAMES {
            let mut joined = String::new();
            for c in compound.chars() {
                if let Some(p) = c.to_pinyin_multi().and_then(|m| m.into_iter().next()) {
                    joined.push_str(p.plain());
                }
            }
            set.insert(joined);
        }
        // English words that are also surname spellings and begin sentences.
        for word in ["he", "you", "an", "e", "a", "o", "man", "long"] {
            set.remove(word);
        }
        set
    })
}

/// Whether `word` (lowercase ASCII letters) splits into one or two pinyin syllables.
pub(crate) fn pinyin_given_name(word: &str) -> bool {
    let syllables = pinyin_syllables();
    let parts: Vec<&str> = word.split(['-', '\'', '’']).collect();
    if parts.len() > 2 || parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    if parts.len() == 2 {
        return parts.iter().all(|p| syllables.contains(p));
    }
    let w = parts[0];
    if !w.is_ascii() || w.len() > 12 {
        return false;
    }
    if syllables.contains(w) {
        return true;
    }
    (1..w.len()).any(|i| syllables.contains(&w[..i]) && syllables.contains(&w[i..]))
}
