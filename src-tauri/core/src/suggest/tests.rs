//! Unit tests of the suggestion rules: each family with positive and negative cases,
//! traditional and full-width text, and code-point offsets past astral characters.

use std::sync::OnceLock;

use super::*;
use crate::text::slice_chars;

fn name(entity: i64, type_name: &str, text: &str, abbreviation: bool) -> RegistryName {
    RegistryName {
        entity,
        key: Some(format!("e{entity}")),
        type_name: type_name.into(),
        lang: gazetteer::lang_of(text),
        text: text.into(),
        abbreviation,
    }
}

/// A suggester without a registry, built once for the whole test run.
fn bare() -> &'static Suggester {
    static S: OnceLock<Suggester> = OnceLock::new();
    S.get_or_init(|| Suggester::new(&[]))
}

/// (text, type, origin) of every suggestion.
fn found(s: &Suggester, text: &str, lang: Lang) -> Vec<(String, String, SuggestOrigin)> {
    s.suggest(text, lang)
        .into_iter()
        .map(|m| {
            let t = slice_chars(text, m.start, m.end)
                .expect("in range")
                .to_string();
            (t, m.type_name, m.origin)
        })
        .collect()
}

fn has(list: &[(String, String, SuggestOrigin)], text: &str, type_name: &str) -> bool {
    list.iter().any(|(t, ty, _)| t == text && ty == type_name)
}

fn any_of_type(list: &[(String, String, SuggestOrigin)], type_name: &str) -> Vec<String> {
    list.iter()
        .filter(|(_, ty, _)| ty == type_name)
        .map(|(t, _, _)| t.clone())
        .collect()
}

#[test]
fn suggester_is_shareable() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Suggester>();
}

// ---------------------------------------------------------------------------------------
// Registry

#[test]
fn registry_matches_across_scripts_widths_and_case_with_original_offsets() {
    let registry = vec![
        name(1, ORGANISATION, "华瑞贸易有限公司", false),
        name(1, ORGANISATION, "Wah Shui Trading Company Limited", false),
        name(2, ORGANISATION, "ABC公司", false),
    ];
    let s = Suggester::new(&registry);
    // Traditional characters, after an astral character (two code points before).
    let text = "𠮷𠮷華瑞貿易有限公司在此";
    let out = s.suggest(text, Lang::Zh);
    let m = out
        .iter()
        .find(|m| m.entity == Some(1))
        .expect("traditional match");
    assert_eq!((m.start, m.end), (2, 10));
    assert_eq!(m.origin, SuggestOrigin::Registry);
    assert_eq!(slice_chars(text, m.start, m.end), Some("華瑞貿易有限公司"));
    // Full-width Latin letters.
    let out = s.suggest("他在ＡＢＣ公司工作", Lang::Zh);
    assert!(out
        .iter()
        .any(|m| m.entity == Some(2) && (m.start, m.end) == (2, 7)));
    // Upper case.
    let text = "“WAH SHUI TRADING COMPANY LIMITED”, Company No. 1";
    let out = found(&s, text, Lang::En);
    assert!(
        has(&out, "WAH SHUI TRADING COMPANY LIMITED", ORGANISATION),
        "{out:?}"
    );
    assert!(!has(&out, "Company No. 1", ORGANISATION), "{out:?}");
}

#[test]
fn registry_latin_names_respect_word_boundaries_case_and_acronyms() {
    let registry = vec![
        name(1, ORGANISATION, "Ka Long", true),
        name(2, ORGANISATION, "NATO", true),
        name(3, DOCUMENT, "Agreement", false),
    ];
    let s = Suggester::new(&registry);
    let out = found(&s, "Kafka Longworth met Ka Long's director.", Lang::En);
    assert_eq!(any_of_type(&out, ORGANISATION), vec!["Ka Long"]);
    // An acronym matches case-sensitively; a capitalised name does not match lowercase.
    let out = found(&s, "The NATO summit; nato; the agreement.", Lang::En);
    assert_eq!(any_of_type(&out, ORGANISATION), vec!["NATO"]);
    assert!(any_of_type(&out, DOCUMENT).is_empty(), "{out:?}");
}

#[test]
fn registry_nesting_follows_the_annotation_policy() {
    let registry = vec![
        name(1, ORGANISATION, "北京大学", false),
        name(2, ORGANISATION, "北京大学光华管理学院", false),
        name(3, ORGANISATION, "华瑞", true),
        name(3, ORGANISATION, "华瑞贸易有限公司", false),
        name(4, PLACE, "南京", false),
        name(5, ORGANISATION, "南京恒达科技有限公司", false),
    ];
    let s = Suggester::new(&registry);
    let out = found(
        &s,
        "他在北京大学光华管理学院任教，与华瑞贸易有限公司和南京恒达科技有限公司往来。",
        Lang::Zh,
    );
    // A different organisation at the head of a longer one stays.
    assert!(has(&out, "北京大学光华管理学院", ORGANISATION));
    assert!(has(&out, "北京大学", ORGANISATION));
    // The short alias of the same entity does not; nor does a place inside a name.
    assert!(has(&out, "华瑞贸易有限公司", ORGANISATION));
    assert!(!has(&out, "华瑞", ORGANISATION), "{out:?}");
    assert!(!has(&out, "南京", PLACE), "{out:?}");
}

#[test]
fn registry_trade_names_of_companies_are_suggested_alone() {
    let registry = vec![
        name(1, ORGANISATION, "华瑞国际物流有限公司", false),
        name(
            2,
            ORGANISATION,
            "Wing Fat International Logistics Limited",
            false,
        ),
        name(3, PLACE, "南京", false),
        name(4, ORGANISATION, "南京恒达科技发展有限公司", false),
    ];
    let s = Suggester::new(&registry);
    let out = s.suggest("货物由华瑞拆箱，恒达付款。", Lang::Zh);
    let trade: Vec<_> = out.iter().filter(|m| m.type_name == ORGANISATION).collect();
    assert_eq!(trade.len(), 2, "{out:?}");
    assert!(trade
        .iter()
        .all(|m| m.origin == SuggestOrigin::Rule && m.entity.is_some()));
    let out = found(&s, "Wing Fat had a small warehouse.", Lang::En);
    assert!(has(&out, "Wing Fat", ORGANISATION), "{out:?}");
}

// ---------------------------------------------------------------------------------------
// jieba POS

#[test]
fn jieba_names_are_checked_against_the_dictionary() {
    let out = found(
        bare(),
        "市长张建国表示，他明白这份陈述的意思。新华社记者在北京报道。",
        Lang::Zh,
    );
    assert!(has(&out, "张建国", PERSON), "{out:?}");
    assert!(has(&out, "北京", PLACE), "{out:?}");
    assert!(has(&out, "新华社", ORGANISATION), "{out:?}");
    // jieba tags 明白 and 陈述 as names; CC-CEDICT knows them as ordinary words.
    assert!(
        !has(&out, "明白", PERSON) && !has(&out, "陈述", PERSON),
        "{out:?}"
    );
    // Generic places are not places.
    let out = found(bare(), "他把东西从境外运回内地，又回国了。", Lang::Zh);
    assert!(any_of_type(&out, PLACE).is_empty(), "{out:?}");
}

// ---------------------------------------------------------------------------------------
// Chinese people

#[test]
fn compound_surnames_take_their_given_name_even_past_the_bmp() {
    let text = "副所长是司马𠮷祥，欧阳修经过这里。";
    let out = bare().suggest(text, Lang::Zh);
    let person = out
        .iter()
        .find(|m| m.type_name == PERSON && m.start == 4)
        .expect("司马𠮷祥");
    assert_eq!(person.end, 8, "four code points, one of them astral");
    assert_eq!(slice_chars(text, 4, 8), Some("司马𠮷祥"));
    let people = any_of_type(&found(bare(), text, Lang::Zh), PERSON);
    assert!(people.contains(&"欧阳修".to_string()), "{people:?}");
    assert!(!people.iter().any(|p| p.contains('经')), "{people:?}");
}

#[test]
fn transliterated_names_with_a_middle_dot_and_their_surname_later() {
    let text = "他见到了美国人约翰·史密斯博士。史密斯说，没问题。";
    let out = found(bare(), text, Lang::Zh);
    assert!(has(&out, "约翰·史密斯", PERSON), "{out:?}");
    assert!(has(&out, "史密斯", PERSON), "{out:?}");
    assert!(!has(&out, "美国人约翰·史密斯", PERSON));
    // The Japanese middle dot folds to the same.
    let out = found(bare(), "约翰・史密斯来了。", Lang::Zh);
    assert!(has(&out, "约翰・史密斯", PERSON), "{out:?}");
}

#[test]
fn names_before_titles_and_after_cue_words() {
    let out = found(
        bare(),
        "经导师韩敩林教授推荐，法定代表人牛大力是他的儿子。",
        Lang::Zh,
    );
    assert!(has(&out, "韩敩林", PERSON), "{out:?}");
    assert!(has(&out, "牛大力", PERSON), "{out:?}");
    assert!(!any_of_type(&out, PERSON).iter().any(|p| p.contains("教授")));
}

// ---------------------------------------------------------------------------------------
// Chinese organisations

#[test]
fn organisation_suffixes_grow_over_name_material() {
    let out = found(
        bare(),
        "境内的那家公司叫南京恒达科技发展有限公司，恒达公司在南京银行鼓楼支行开户。",
        Lang::Zh,
    );
    let orgs = any_of_type(&out, ORGANISATION);
    assert!(
        orgs.contains(&"南京恒达科技发展有限公司".to_string()),
        "{orgs:?}"
    );
    assert!(orgs.contains(&"恒达公司".to_string()), "{orgs:?}");
    assert!(orgs.contains(&"南京银行鼓楼支行".to_string()), "{orgs:?}");
    assert!(orgs.contains(&"南京银行".to_string()), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.contains("那家")), "{orgs:?}");
    // A unit of a body, the parent nested at the head.
    let out = found(
        bare(),
        "他从北京大学光华管理学院毕业，后调入物资采购处。",
        Lang::Zh,
    );
    let orgs = any_of_type(&out, ORGANISATION);
    assert!(
        orgs.contains(&"北京大学光华管理学院".to_string()),
        "{orgs:?}"
    );
    assert!(orgs.contains(&"北京大学".to_string()), "{orgs:?}");
    assert!(orgs.contains(&"物资采购处".to_string()), "{orgs:?}");
}

#[test]
fn organisation_rules_in_traditional_characters() {
    let text = "𠮷先生說，華瑞國際物流有限公司負責轉運";
    let out = bare().suggest(text, Lang::Zh);
    let org = out
        .iter()
        .find(|m| m.type_name == ORGANISATION)
        .expect("an organisation");
    assert_eq!(
        slice_chars(text, org.start, org.end),
        Some("華瑞國際物流有限公司")
    );
    assert_eq!(org.start, 5);
}

#[test]
fn counted_units_and_generic_bodies_are_not_organisations() {
    for text in [
        "两局合并后，新机构下设三处一室，其中一部负责审批。",
        "这家公司和该公司都向公安机关报告了。",
        "他把我叫到办公室，说香港公司的贸易公司和空壳公司不少。",
        "调离采购岗位后，他去了资料室。",
    ] {
        let orgs = any_of_type(&found(bare(), text, Lang::Zh), ORGANISATION);
        assert!(orgs.is_empty(), "{text}: {orgs:?}");
    }
}

#[test]
fn teams_are_named_by_a_name_or_a_place_before_the_suffix() {
    // A team suffix after a place, or after a body the rules found.
    let out = found(
        bare(),
        "卫冕冠军印尼男队输了，北京大学登山队登顶了。",
        Lang::Zh,
    );
    let orgs = any_of_type(&out, ORGANISATION);
    assert!(orgs.contains(&"印尼男队".to_string()), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.contains("冠军")), "{orgs:?}");
    assert!(orgs.contains(&"北京大学登山队".to_string()), "{orgs:?}");
    // 队 in ordinary words and after ordinary words: no team.
    for text in [
        "他在行军途中掉队了，后来又归队。",
        "施工队进场以后，全队都很忙。",
        "他十八岁就入选了国家队。",
        "排队的人很多，车队也来了。",
        "少先队员和突击队都来了。",
    ] {
        let orgs = any_of_type(&found(bare(), text, Lang::Zh), ORGANISATION);
        assert!(orgs.is_empty(), "{text}: {orgs:?}");
    }
}

#[test]
fn institutional_suffixes_of_delegations_journals_clubs_and_councils() {
    for (text, org) in [
        ("昨天，瑞典政府代表团抵达北京。", "瑞典政府代表团"),
        ("她在长江文学杂志社当编辑。", "长江文学杂志社"),
        ("这位球员加入了天河足球俱乐部。", "天河足球俱乐部"),
        ("会议由亚洲足球理事会主持。", "亚洲足球理事会"),
    ] {
        let orgs = any_of_type(&found(bare(), text, Lang::Zh), ORGANISATION);
        assert!(orgs.contains(&org.to_string()), "{text}: {orgs:?}");
    }
}

#[test]
fn an_ordinary_word_before_a_place_is_not_part_of_the_name() {
    let out = found(
        bare(),
        "本次比赛的主办单位中国国际象棋协会宣布了名单。",
        Lang::Zh,
    );
    let orgs = any_of_type(&out, ORGANISATION);
    assert!(orgs.contains(&"中国国际象棋协会".to_string()), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.contains("单位")), "{orgs:?}");
    let out = found(bare(), "他原任重庆市交通局局长。", Lang::Zh);
    let orgs = any_of_type(&out, ORGANISATION);
    assert!(orgs.contains(&"重庆市交通局".to_string()), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.starts_with('原')), "{orgs:?}");
}

#[test]
fn yu_joins_two_ordinary_words_but_separates_two_names() {
    // Between two teams (or two places) 与 separates two mentions.
    let out = found(bare(), "决赛在丹麦男队与中国男队之间进行。", Lang::Zh);
    let orgs = any_of_type(&out, ORGANISATION);
    assert!(orgs.contains(&"丹麦男队".to_string()), "{orgs:?}");
    assert!(orgs.contains(&"中国男队".to_string()), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.contains('与')), "{orgs:?}");
    // Between two ordinary words it is part of the name.
    let out = found(bare(), "他考入了材料科学与工程学院。", Lang::Zh);
    let orgs = any_of_type(&out, ORGANISATION);
    assert!(orgs.contains(&"材料科学与工程学院".to_string()), "{orgs:?}");
}

#[test]
fn cadres_are_people_not_departments() {
    for text in ["村干部和老干部都来开会了。", "几位老干部回忆起往事。"] {
        let orgs = any_of_type(&found(bare(), text, Lang::Zh), ORGANISATION);
        assert!(orgs.is_empty(), "{text}: {orgs:?}");
    }
}

#[test]
fn abbreviated_bodies_and_administrative_levels() {
    let out = found(
        bare(),
        "省纪检委和欧盟都发了声明，奥运会和十五大也提到了。",
        Lang::Zh,
    );
    let orgs = any_of_type(&out, ORGANISATION);
    assert!(orgs.contains(&"省纪检委".to_string()), "{orgs:?}");
    assert!(orgs.contains(&"欧盟".to_string()), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.contains("奥运")), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.contains("十五大")), "{orgs:?}");
    // An administrative level before a unit suffix names that level's unit.
    let out = found(bare(), "他与区林业局的技术员谈话。", Lang::Zh);
    assert!(has(&out, "区林业局", ORGANISATION), "{out:?}");
}

#[test]
fn a_word_before_a_body_that_is_not_a_name_leaves_the_body_alone() {
    // 时任 is not part of the name, and the body is still found.
    let out = found(bare(), "他时任全国人大常委会副委员长。", Lang::Zh);
    let orgs = any_of_type(&out, ORGANISATION);
    assert_eq!(orgs, vec!["全国人大常委会".to_string()]);
}

#[test]
fn a_registered_abbreviated_parent_is_not_part_of_a_unit_name() {
    let registry = vec![name(1, ORGANISATION, "北大", true)];
    let s = Suggester::new(&registry);
    let out = found(&s, "他原系北大人事处副处长。", Lang::Zh);
    assert!(has(&out, "北大", ORGANISATION), "{out:?}");
    assert!(has(&out, "人事处", ORGANISATION), "{out:?}");
    assert!(!any_of_type(&out, ORGANISATION)
        .iter()
        .any(|o| o.len() > "人事处".len()));
}

// ---------------------------------------------------------------------------------------
// Chinese dates, money, documents, places, events

#[test]
fn chinese_dates_absolute_relative_and_fuzzy() {
    let text = "2020年5月8日，二〇二〇年三月，2019年至2021年间，2020年5月8日至10日，\
                2020年九月中旬，2010年初，2000年以前，五天后，大约三年前，次年五月，同年八月，\
                上个月，第二天下午，那天上午九点，自即日起，此后三年。";
    let dates = any_of_type(&found(bare(), text, Lang::Zh), DATE);
    for want in [
        "2020年5月8日",
        "二〇二〇年三月",
        "2019年至2021年间",
        "2020年5月8日至10日",
        "2020年九月中旬",
        "2010年初",
        "2000年以前",
        "五天后",
        "大约三年前",
        "次年五月",
        "同年八月",
        "上个月",
        "第二天下午",
        "那天上午九点",
        "即日",
        "此后三年",
    ] {
        assert!(dates.contains(&want.to_string()), "{want}: {dates:?}");
    }
    let none = any_of_type(
        &found(
            bare(),
            "当时他说，此后至今目前三个月内当年的事都不提。",
            Lang::Zh,
        ),
        DATE,
    );
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn chinese_money_with_its_currency_only() {
    let text = "合同金额为人民币四百五十万元，汇出2,500,000美元，经手上千万美元，总值超过三百万美元，有二十家公司。";
    let money = any_of_type(&found(bare(), text, Lang::Zh), MONEY);
    assert_eq!(
        money,
        vec![
            "人民币四百五十万元",
            "2,500,000美元",
            "上千万美元",
            "三百万美元"
        ]
    );
}

#[test]
fn chinese_documents_titles_numbers_codes_and_the_title_line() {
    let text = "关于张某某问题的通报\n按照《进出口管理暂行规定》，根据京政发〔2020〕5号，合同编号为HT-2020-015。";
    let docs = any_of_type(&found(bare(), text, Lang::Zh), DOCUMENT);
    assert_eq!(
        docs,
        vec![
            "关于张某某问题的通报",
            "进出口管理暂行规定",
            "京政发〔2020〕5号",
            "HT-2020-015"
        ]
    );
    // Only the first line is a title.
    let docs = any_of_type(&found(bare(), "前言\n他写了一份通报", Lang::Zh), DOCUMENT);
    assert!(docs.is_empty(), "{docs:?}");
}

#[test]
fn chinese_places_addresses_and_events() {
    let text = "他经皇岗口岸到了成都市高新区，公司地址为九龍彌敦道20號金城大廈3樓5室。年度预算评审会在此召开。";
    let out = found(bare(), text, Lang::Zh);
    assert!(has(&out, "皇岗口岸", PLACE), "{out:?}");
    assert!(has(&out, "成都市高新区", PLACE), "{out:?}");
    assert!(has(&out, "九龍彌敦道20號金城大廈3樓5室", PLACE), "{out:?}");
    assert!(has(&out, "年度预算评审会", "event"), "{out:?}");
}

// ---------------------------------------------------------------------------------------
// English

#[test]
fn english_organisations_with_designators_and_nesting() {
    let text = "He studied at the Guanghua School of Management of Peking University and joined \
                Nanjing Huarui Technology Development Co., Ltd. and the Jiangsu Provincial \
                Development and Reform Commission; Huarui and Institute 7 signed.";
    let orgs = any_of_type(&found(bare(), text, Lang::En), ORGANISATION);
    for want in [
        "Guanghua School of Management of Peking University",
        "Peking University",
        "Nanjing Huarui Technology Development Co., Ltd.",
        "Jiangsu Provincial Development and Reform Commission",
        "Institute 7",
    ] {
        assert!(orgs.contains(&want.to_string()), "{want}: {orgs:?}");
    }
    assert!(
        !orgs.iter().any(|o| o.starts_with("Huarui and")),
        "{orgs:?}"
    );
}

#[test]
fn english_organisation_guards() {
    let text = "Circular of the Nanjing Municipal Public Security Bureau on the Case\n\
                Company No. 2287164 was registered. The Bureau said so, and this Bureau agrees.";
    let orgs = any_of_type(&found(bare(), text, Lang::En), ORGANISATION);
    assert_eq!(
        orgs,
        vec!["Nanjing Municipal Public Security Bureau", "this Bureau"],
        "{orgs:?}"
    );
}

#[test]
fn english_people_after_titles_and_romanised_chinese_names() {
    let text = "Mr. John Smith met Professor Li Xiaohong, Wang Jianguo and Chan Tai-man. \
                Later Smith left. A trading company in Hong Kong; they went via Sha Tin Wai.";
    let people = any_of_type(&found(bare(), text, Lang::En), PERSON);
    for want in [
        "John Smith",
        "Li Xiaohong",
        "Wang Jianguo",
        "Chan Tai-man",
        "Smith",
    ] {
        assert!(people.contains(&want.to_string()), "{want}: {people:?}");
    }
    assert!(
        !people
            .iter()
            .any(|p| p.contains("Mr.") || p.contains("Hong") || p.contains("Sha")),
        "{people:?}"
    );
}

#[test]
fn english_dates() {
    let text = "On 8 May 2020 and May 8, 2020, in early September 2020, between 2019 and 2021, \
                from 13 to 16 March 2016. Five days later, at the end of August that year, \
                in June of the same year, in 2019, and again in November. May I ask? \
                The next morning, during the same period, before 1997.";
    let dates = any_of_type(&found(bare(), text, Lang::En), DATE);
    for want in [
        "8 May 2020",
        "May 8, 2020",
        "early September 2020",
        "between 2019 and 2021",
        "13 to 16 March 2016",
        "Five days later",
        "the end of August that year",
        "June of the same year",
        "2019",
        "November",
        "The next morning",
        "during the same period",
        "before 1997",
    ] {
        assert!(dates.contains(&want.to_string()), "{want}: {dates:?}");
    }
    assert!(!dates.iter().any(|d| d == "May"), "{dates:?}");
}

#[test]
fn english_money_and_documents() {
    let text = "Decision on the Expulsion of Zhang San\n\
                The Supply Contract, numbered HT-2020-015, was for RMB 4.5 million; \
                2,500,000 U.S. dollars and more than three million U.S. dollars moved \
                (Jing Zheng Fa [2020] No. 5), a so-called “Declaration” under his name.";
    let out = found(bare(), text, Lang::En);
    let money = any_of_type(&out, MONEY);
    assert_eq!(
        money,
        vec![
            "RMB 4.5 million",
            "2,500,000 U.S. dollars",
            "three million U.S. dollars"
        ]
    );
    let docs = any_of_type(&out, DOCUMENT);
    for want in [
        "Decision on the Expulsion of Zhang San",
        "Supply Contract",
        "HT-2020-015",
        "Jing Zheng Fa [2020] No. 5",
        "Declaration",
    ] {
        assert!(docs.contains(&want.to_string()), "{want}: {docs:?}");
    }
    // A person inside a document title stays.
    assert!(has(&out, "Zhang San", PERSON), "{out:?}");
}

#[test]
fn english_places_with_designators_and_addresses() {
    let text = "He lived in Nanjing City, near Huanggang Border Port, at Flat 5, 3/F, Golden Building, 20 Nathan Road, Jordan, Kowloon.";
    let places = any_of_type(&found(bare(), text, Lang::En), PLACE);
    assert!(places.contains(&"Nanjing City".to_string()), "{places:?}");
    assert!(
        places.contains(&"Huanggang Border Port".to_string()),
        "{places:?}"
    );
    assert!(
        places
            .contains(&"Flat 5, 3/F, Golden Building, 20 Nathan Road, Jordan, Kowloon".to_string()),
        "{places:?}"
    );
    assert!(!places.contains(&"Nathan Road".to_string()), "{places:?}");
}

// ---------------------------------------------------------------------------------------
// The whole

#[test]
fn suggestions_are_sorted_and_never_cross_a_line() {
    let text = "南京恒达科技\n有限公司\n2020年\n5月";
    let out = bare().suggest(text, Lang::Zh);
    assert!(out
        .windows(2)
        .all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
    let lines: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut start = 0;
        for l in text.split('\n') {
            let n = l.chars().count();
            v.push((start, start + n));
            start += n + 1;
        }
        v
    };
    for m in &out {
        assert!(
            lines.iter().any(|&(s, e)| s <= m.start && m.end <= e),
            "{m:?}"
        );
    }
    assert!(bare().suggest("", Lang::Zh).is_empty());
    assert!(bare().suggest("\n\n", Lang::En).is_empty());
}

#[test]
fn suggestions_serialise_with_lowercase_origins() {
    let s = Suggestion {
        start: 1,
        end: 3,
        type_name: PERSON.into(),
        origin: SuggestOrigin::Jieba,
        entity: None,
    };
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(
        json,
        r#"{"start":1,"end":3,"type":"person","origin":"jieba"}"#
    );
}

#[test]
fn texts_suggested_together_give_what_each_gives_alone() {
    let lines = [
        "2016年3月14日，王建国在华东重工集团有限公司见到了李明。",
        "",
        "李明后来去了深圳市公安局。",
        "On 14 March 2016 Wang Jianguo met Li Ming at Huadong Heavy Industry Group.",
    ];
    for lang in [Lang::Zh, Lang::En] {
        let each = bare().suggest_each(lines.iter().copied(), lang);
        assert_eq!(each.len(), lines.len());
        for (line, together) in lines.iter().zip(&each) {
            assert_eq!(together, &bare().suggest(line, lang), "{line}");
        }
    }
    // A name found on one line is not carried to another, as it is within one text.
    let each = bare().suggest_each(lines.iter().copied(), Lang::Zh);
    assert!(each[1].is_empty());
}
