//! Behaviour of the aligner on small texts a translator would recognise, and on the bad
//! inputs a real project meets.

use super::*;

fn lines(beads: &[Bead]) -> Vec<String> {
    beads.iter().map(Bead::to_gold_line).collect()
}

fn align(zh: &[&str], en: &[&str]) -> Vec<Bead> {
    let segmenter = Segmenter::new();
    Aligner::new(&segmenter).align(zh, en, &[])
}

/// Every sentence of both sides exactly once, in order, no bead empty on both sides.
fn assert_cover(beads: &[Bead], n: usize, m: usize) {
    let (mut zi, mut ej) = (0, 0);
    for bead in beads {
        assert!(!(bead.zh.is_empty() && bead.en.is_empty()), "{bead:?}");
        assert_eq!(bead.zh.start, zi, "{beads:?}");
        assert_eq!(bead.en.start, ej, "{beads:?}");
        assert!((0.0..=1.0).contains(&bead.confidence), "{bead:?}");
        zi = bead.zh.end;
        ej = bead.en.end;
    }
    assert_eq!((zi, ej), (n, m));
}

const ZH: [&str; 6] = [
    "我叫陈清扬，一九八二年出生于杭州。",
    "二〇一六年三月，我进入宏远贸易公司工作。",
    "公司的老板姓郭，他让我负责与银行的联系。",
    "我每个月都要去香港两次。",
    "在香港，我把现金交给一个叫布伦德利的瑞士人。",
    "他说这些钱会转到苏黎世的一个账户。",
];
const EN: [&str; 7] = [
    "My name is Chen Qingyang and I was born in Hangzhou in 1982.",
    "In March 2016 I joined the Hongyuan Trading Company.",
    "The owner of the company was surnamed Guo.",
    "He put me in charge of our dealings with the banks.",
    "Every month I had to go to Hong Kong twice.",
    "In Hong Kong I handed the cash to a Swiss man called Brändli.",
    "He said the money would be transferred to an account in Zurich.",
];

#[test]
fn a_statement_aligns_with_its_translation_including_a_one_to_two_bead() {
    let beads = align(&ZH, &EN);
    assert_cover(&beads, ZH.len(), EN.len());
    assert_eq!(
        lines(&beads),
        vec![
            "[0]:[0]",
            "[1]:[1]",
            "[2]:[2,3]",
            "[3]:[4]",
            "[4]:[5]",
            "[5]:[6]"
        ]
    );
    // Sentences that share names, numbers and dictionary words score higher than a guess.
    assert!(beads.iter().all(|b| b.confidence > 0.3), "{beads:?}");
}

#[test]
fn confirmed_beads_stay_as_they_are_when_realigning() {
    let segmenter = Segmenter::new();
    // A translator confirmed an odd bead: the aligner must keep it and align around it.
    let anchor = Bead::new(2..3, 2..3, 1.0);
    let beads = Aligner::new(&segmenter).align(&ZH, &EN, std::slice::from_ref(&anchor));
    assert_cover(&beads, ZH.len(), EN.len());
    assert!(beads.contains(&anchor), "{beads:?}");
    assert_eq!(beads[0].to_gold_line(), "[0]:[0]");
    // Overlapping or out-of-range anchors are ignored, not obeyed.
    let bad = [
        Bead::new(0..2, 0..1, 1.0),
        Bead::new(1..3, 0..2, 1.0),
        Bead::new(5..9, 0..1, 1.0),
    ];
    let beads = Aligner::new(&segmenter).align(&ZH, &EN, &bad);
    assert_cover(&beads, ZH.len(), EN.len());
}

#[test]
fn one_side_empty_gives_only_unmatched_beads() {
    let beads = align(&ZH, &[]);
    assert_cover(&beads, ZH.len(), 0);
    assert!(beads.iter().all(|b| b.en.is_empty()));
    let beads = align(&[], &EN);
    assert_cover(&beads, 0, EN.len());
    assert!(align(&[], &[]).is_empty());
}

#[test]
fn one_side_a_hundred_times_longer_still_covers_everything() {
    let en: Vec<&str> = EN.iter().cycle().take(600).copied().collect();
    let beads = align(&ZH, &en);
    assert_cover(&beads, ZH.len(), en.len());
}

#[test]
fn identical_texts_align_one_to_one() {
    let beads = align(&EN, &EN);
    assert_cover(&beads, EN.len(), EN.len());
    assert!(beads.iter().all(|b| b.zh == b.en), "{:?}", lines(&beads));
}

#[test]
fn one_enormous_sentence_on_each_side_is_one_bead() {
    let zh = ZH.concat().repeat(200);
    let en = EN.join(" ").repeat(200);
    let beads = align(&[&zh], &[&en]);
    assert_eq!(lines(&beads), vec!["[0]:[0]"]);
}

#[test]
fn sentences_of_only_punctuation_or_numbers_are_aligned_without_trouble() {
    let zh = ["……", "1982", "我叫陈清扬。", "！！！"];
    let en = ["...", "1982", "My name is Chen Qingyang.", "!!!"];
    let beads = align(&zh, &en);
    assert_cover(&beads, zh.len(), en.len());
    assert!(
        lines(&beads).contains(&"[2]:[2]".to_string()),
        "{:?}",
        lines(&beads)
    );
}

#[test]
fn aliases_with_odd_characters_do_no_harm() {
    let segmenter = Segmenter::new();
    let aliases = vec![
        (
            "宏远贸易公司".to_string(),
            "Hongyuan Trading Company".to_string(),
        ),
        ("".to_string(), "Empty".to_string()),
        ("（）*+?[".to_string(), "\u{0}\u{202e}<script>".to_string()),
        ("𠮷".to_string(), "🙂".to_string()),
    ];
    let beads = Aligner::new(&segmenter)
        .with_aliases(aliases)
        .align(&ZH, &EN, &[]);
    assert_cover(&beads, ZH.len(), EN.len());
}

#[test]
fn link_suggestions_pair_names_numbers_and_dictionary_words() {
    let segmenter = Segmenter::new();
    let aligner = Aligner::new(&segmenter).with_aliases(vec![(
        "宏远贸易公司".to_string(),
        "Hongyuan Trading Company".to_string(),
    )]);
    let zh = ["我叫陈清扬，一九八二年出生于杭州。"];
    let en = ["My name is Chen Qingyang and I was born in Hangzhou in 1982."];
    let links = aligner.suggest_links(&zh, &en);
    let pairs: Vec<(String, String, LinkReason)> = links
        .iter()
        .map(|l| {
            (
                zh[l.zh_sentence]
                    .chars()
                    .skip(l.zh.start)
                    .take(l.zh.len())
                    .collect(),
                en[l.en_sentence]
                    .chars()
                    .skip(l.en.start)
                    .take(l.en.len())
                    .collect(),
                l.reason,
            )
        })
        .collect();
    let has =
        |z: &str, e: &str, why: LinkReason| pairs.iter().any(|p| p == &(z.into(), e.into(), why));
    // jieba cuts the unknown name 陈清扬 as 陈 + 清扬; pinyin links both halves.
    assert!(has("陈", "Chen", LinkReason::Pinyin), "{pairs:?}");
    assert!(has("清扬", "Qingyang", LinkReason::Pinyin), "{pairs:?}");
    assert!(
        has("一九八二年", "1982", LinkReason::Identical),
        "{pairs:?}"
    );
    assert!(has("杭州", "Hangzhou", LinkReason::Pinyin), "{pairs:?}");
    // The span grows to the left as well: 渭川市 ↔ "Weichuan City", whichever word matched.
    let city = aligner.suggest_links(&["我住在渭川市。"], &["I live in Weichuan City."]);
    let city: Vec<String> = city
        .iter()
        .map(|l| {
            "I live in Weichuan City."
                .chars()
                .skip(l.en.start)
                .take(l.en.len())
                .collect()
        })
        .collect();
    assert!(city.contains(&"Weichuan City".to_string()), "{city:?}");
    assert!(
        pairs
            .iter()
            .any(|(_, e, why)| e == "born" && *why == LinkReason::Dictionary),
        "{pairs:?}"
    );
    let alias_links = aligner.suggest_links(&[ZH[1]], &[EN[1]]);
    let company = alias_links
        .iter()
        .find(|l| l.reason == LinkReason::Alias)
        .expect("the alias is linked");
    let en_span: String = EN[1]
        .chars()
        .skip(company.en.start)
        .take(company.en.len())
        .collect();
    assert_eq!(en_span, "Hongyuan Trading Company");
    // Its parts are not linked again on their own.
    assert!(!alias_links.iter().any(|l| l.zh.start >= company.zh.start
        && l.zh.end <= company.zh.end
        && l.reason != LinkReason::Alias));
}

#[test]
fn an_untranslated_bracketed_note_stands_alone_and_a_translated_one_aligns() {
    let zh = [
        "我叫陈清扬，一九八二年出生于杭州。",
        "（原件此处有涂改，已由本人签名确认。）",
        "二〇一六年三月，我进入宏远贸易公司工作。",
    ];
    let en = [
        "My name is Chen Qingyang and I was born in Hangzhou in 1982.",
        "In March 2016 I joined the Hongyuan Trading Company.",
    ];
    assert_eq!(
        lines(&align(&zh, &en)),
        vec!["[0]:[0]", "[1]:[]", "[2]:[1]"]
    );
    let en = [
        "My name is Chen Qingyang and I was born in Hangzhou in 1982.",
        "(The original has an alteration here, confirmed by my signature.)",
        "In March 2016 I joined the Hongyuan Trading Company.",
    ];
    assert_eq!(
        lines(&align(&zh, &en)),
        vec!["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    );
}

#[test]
fn only_a_wholly_bracketed_sentence_is_a_note() {
    use super::features::is_bracketed_note;
    assert!(is_bracketed_note("（原件此处有涂改，已由本人签名确认。）"));
    assert!(is_bracketed_note(
        "[Translator's note: the name is unclear.]"
    ));
    assert!(is_bracketed_note("（注）。"));
    assert!(!is_bracketed_note(
        "（一）我先在第三研究室工作（二〇一一年前）。"
    ));
    assert!(!is_bracketed_note("(a) first, (b) second"));
    assert!(!is_bracketed_note("我在（北京）工作。"));
    assert!(!is_bracketed_note("()"));
}

#[test]
fn a_clause_moved_into_the_neighbouring_sentence_makes_a_two_to_two_bead() {
    let zh = [
        "我叫陈清扬，一九八二年出生于杭州。",
        "布伦德利在苏黎世经营一家贸易咨询公司，据说早年在德国读过冶金。",
        "他会讲一点中文，见面时用中文和我们每个人都打了招呼。",
        "公司的老板姓郭，他让我负责与银行的联系。",
    ];
    let en = [
        "My name is Chen Qingyang and I was born in Hangzhou in 1982.",
        "Dr. Brändli ran a trade consultancy in Zürich and, having reportedly studied metallurgy in Germany as a young man, spoke a little Chinese.",
        "When we met, he greeted each of us in Chinese.",
        "The owner of the company was surnamed Guo, and he put me in charge of our dealings with the banks.",
    ];
    // "spoke a little Chinese" belongs to the third Chinese sentence: the smallest bead
    // holding every correspondence is 2-2.
    assert_eq!(
        lines(&align(&zh, &en)),
        vec!["[0]:[0]", "[1,2]:[1,2]", "[3]:[3]"]
    );
}
