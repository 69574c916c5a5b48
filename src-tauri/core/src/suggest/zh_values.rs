//! Chinese dates, amounts of money and documents, found by patterns over the folded line:
//!
//! * dates: 2020年5月8日, 二〇二〇年三月, 2019年至2021年间, 2020年5月8日至10日, 2020年九月中旬,
//!   2010年初, 2000年以前, 2019年度, 十二月; relative and fuzzy ones that name a calendar unit
//!   (五天后, 大约三年前, 此后三年, 次年五月, 同年八月, 上个月, 第二天下午, 那天上午九点, 即日,
//!   近日, 同一期间). Bare deictic words (当时, 此后, 至今, 目前, 当年) are not dates;
//! * money: the amount with its currency (人民币四百五十万元, 2,500,000美元, 上千万美元), never
//!   the words around it (超过);
//! * documents: titles inside 《》 (without the marks), document numbers (京政发〔2020〕5号),
//!   contract codes after 编号 (HT-2020-015), and a title line ending in a genre word
//!   (…的通报, 申请书).

use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::{is_function_char, is_han, ZH_GENRE_ENDINGS};
use super::{Candidate, LineCtx, DATE, DOCUMENT, EVENT, MONEY, PLACE};

fn date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let year = r"(?:(?:1[5-9]|20)\d{2}|[〇零一二三四五六七八九]{4})年";
        let month = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月";
        let day = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[日号]";
        let part = r"(?:上旬|中旬|下旬|上半年|下半年|年初|年底|年末|年中|以前|以后|之前|之后|初|底|末|间)";
        let num = r"(?:[零〇一二两三四五六七八九十几数]+|\d+)";
        let clock = r"(?:[零〇一二两三四五六七八九十\d]+点(?:半|[零〇一二两三四五六七八九十\d]+分)?)";
        let daypart = r"(?:上午|下午|晚上|早上|凌晨|中午|傍晚|夜里|夜间)";
        let absolute = format!("(?:{year}度?(?:{month}(?:{day})?)?|{month}(?:{day})?)");
        let range = format!("(?:(?:至|到|—|－|~|～)(?:{year}(?:{month})?(?:{day})?|{month}(?:{day})?|{day}))?");
        let patterns = [
            // 同年六月, 次年三月, 去年.
            format!("(?:(?:同年|当年|本年|上年){month}(?:{day})?|(?:次年|翌年|去年|今年|明年|前年)(?:{month}(?:{day})?)?){part}?"),
            format!("{absolute}{range}{part}?"),
            // 三天后, 大约五年前.
            format!("(?:大约|大概|约)?{num}(?:天|日|周|星期|个星期|个月|年)(?:以后|以前|之后|之前|后|前)"),
            // 此后两年.
            format!("此后{num}(?:天|周|个月|年)"),
            format!("(?:上个月|下个月|上月|下月|本月|当月|上周|下周|本周|上个星期|下个星期|即日|近日|日前|同一期间|当天|当日|翌日|次日|第二天|那天){daypart}?{clock}?"),
        ];
        Regex::new(&patterns.join("|")).expect("valid date regex")
    })
}

fn money_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let currency = "(?:人民币|美元|港币|港元|欧元|英镑|日元|瑞士法郎)";
        let number = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?";
        let unit = "(?:美元|港元|港币|欧元|英镑|日元|瑞士法郎|法郎|美金|块钱|元)";
        let pattern = format!(
            "{currency}?(?:上|数|几)?(?:{number})[十百千万亿]*(?:多|余)?[十百千万亿]*{unit}|{currency}(?:上|数|几)?(?:{number})[十百千万亿]*"
        );
        Regex::new(&pattern).expect("valid money regex")
    })
}

fn number_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"([\p{Han}]{0,10})[〔\[【(]((?:19|20)\d{2})[〕\]】)](?:第)?\d{1,5}号")
            .expect("valid document-number regex")
    })
}

fn address_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:地址|住址|地点|位于|坐落于)(?:为|是|在|:)?((?:[\p{Han}\d]*?\d+(?:号|楼|室|层|座|栋|单元))+)")
            .expect("valid address regex")
    })
}

fn event_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:年度|第[一二三四五六七八九十百\d]+届|全国|国际|首届)[\p{Han}]{0,8}?(?:评审会|研讨会|座谈会|博览会|运动会|交易会|代表大会|大会|会议|论坛|峰会|审计|选举)")
            .expect("valid event regex")
    })
}

fn code_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:编号|合同号|文号)(?:为|是|:)?\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]+){1,6})")
            .expect("valid code regex")
    })
}

/// Words before a document number that are not part of it (根据京政发〔2020〕5号).
const NUMBER_LEAD_INS: &[&str] = &[
    "根据", "依据", "按照", "依照", "印发", "下发", "转发", "参见", "见", "经", "据", "按", "以",
];

pub(crate) fn suggest(line: &LineCtx, out: &mut Vec<Candidate>) {
    let index = crate::text::CharIndex::new(&line.shadow);
    let span = |b0: usize, b1: usize| -> Option<(usize, usize)> {
        Some((index.char_offset(b0)?, index.char_offset(b1)?))
    };
    let digit_before = |start: usize| start > 0 && line.chars[start - 1].is_ascii_digit();

    for m in date_regex().find_iter(&line.shadow) {
        let Some((s, e)) = span(m.start(), m.end()) else {
            continue;
        };
        if digit_before(s) {
            continue;
        }
        out.push(Candidate::rule(s, e, DATE));
    }

    for m in money_regex().find_iter(&line.shadow) {
        let Some((s, e)) = span(m.start(), m.end()) else {
            continue;
        };
        // The numeral must count something (万元 alone is not an amount).
        let has_digit = m
            .as_str()
            .chars()
            .any(|c| c.is_ascii_digit() || "一二两三四五六七八九十百千".contains(c));
        if !has_digit || digit_before(s) {
            continue;
        }
        out.push(Candidate::rule(s, e, MONEY));
    }

    // 《title》: the title without the marks.
    let mut open: Option<usize> = None;
    for (i, &c) in line.chars.iter().enumerate() {
        match c {
            '《' => open = Some(i + 1),
            '》' => {
                if let Some(s) = open.take() {
                    if i > s && i - s <= 80 {
                        out.push(Candidate::rule(s, i, DOCUMENT));
                    }
                }
            }
            _ => {}
        }
    }

    for caps in number_regex().captures_iter(&line.shadow) {
        let (Some(whole), Some(prefix)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let Some((mut s, e)) = span(whole.start(), whole.end()) else {
            continue;
        };
        // Only the issuer's short form belongs to the number: stop at function words and
        // drop lead-in verbs.
        let prefix_chars: Vec<char> = prefix.as_str().chars().collect();
        let mut keep = 0;
        for &c in prefix_chars.iter().rev() {
            if !is_han(c) || (is_function_char(c) && c != '所') {
                break;
            }
            keep += 1;
        }
        let mut lead = prefix_chars.len() - keep;
        let kept: String = prefix_chars[lead..].iter().collect();
        for word in NUMBER_LEAD_INS {
            if kept.starts_with(word) && kept.chars().count() > word.chars().count() {
                lead += word.chars().count();
                break;
            }
        }
        s += lead;
        out.push(Candidate::rule(s, e, DOCUMENT));
    }

    for caps in code_regex().captures_iter(&line.shadow) {
        let Some(code) = caps.get(1) else { continue };
        if !code.as_str().chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some((s, e)) = span(code.start(), code.end()) {
            out.push(Candidate::rule(s, e, DOCUMENT));
        }
    }

    // A street address after a cue (地址为…1203室) is one place.
    for caps in address_regex().captures_iter(&line.shadow) {
        let Some(g) = caps.get(1) else { continue };
        if let Some((s, e)) = span(g.start(), g.end()) {
            out.push(Candidate::rule(s, e, PLACE));
        }
    }

    for m in event_regex().find_iter(&line.shadow) {
        let Some((s, e)) = span(m.start(), m.end()) else {
            continue;
        };
        // 2019年度… is a date, not the start of an event.
        if s > 0 && (line.chars[s - 1].is_ascii_digit() || line.chars[s - 1] == '〇') {
            continue;
        }
        out.push(Candidate::rule(s, e, EVENT));
    }

    if line.title {
        title_line(line, out);
    }
}

/// The title line of a text, when it names a document (ends with a genre word and has no
/// sentence end).
fn title_line(line: &LineCtx, out: &mut Vec<Candidate>) {
    let n = line.chars.len();
    let start = line
        .chars
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or(n);
    let end = n - line
        .chars
        .iter()
        .rev()
        .position(|c| !c.is_whitespace())
        .unwrap_or(0);
    if end <= start || end - start > 60 {
        return;
    }
    let title = line.text(start, end);
    if title.contains(['。', '！', '？', '；', '!', '?', ';', '《']) {
        return;
    }
    if ZH_GENRE_ENDINGS.iter().any(|g| title.ends_with(g)) && title.chars().any(is_han) {
        out.push(Candidate::rule(start, end, DOCUMENT));
    }
}
