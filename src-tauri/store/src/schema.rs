//! The project file's schema, as an append-only list of migrations on `PRAGMA user_version`,
//! and the small runner that applies them.
//!
//! Rules for changing it:
//! - never edit a migration that has shipped; append a new entry to [`MIGRATIONS`] instead
//!   (old project files replay the list from their `user_version`);
//! - a project whose `user_version` is above [`LATEST_VERSION`] was made by a newer Duizhao and
//!   is refused before anything is written to it (see `Project::open`).
//!
//! Why not rusqlite_migration: its newest release (2.6) requires rusqlite 0.40, which cannot
//! be linked beside the workspace's rusqlite 0.43 (both bundle `sqlite3`). It also reads
//! `user_version` outside its migration transaction, so two processes opening an old file at
//! once could both try to migrate it; [`migrate`] reads it under the write lock instead.
//!
//! Offsets (`start`, `end`) are Unicode code points into the text revision, start inclusive,
//! end exclusive. `end` is an SQL keyword, so it is always written `"end"` in queries.
//!
//! Tables by version: V1 documents, texts, sentences, tokens and the history; V2 the
//! alignment (`alignments`, `beads`, `bead_sentences`, `span_links`); V3 annotation
//! (`entity_types`, `relation_types`, `entities`, `aliases`, `external_ids`, `mentions`,
//! `relations`, `relation_anchors`) and fact-checking (`claims`, `claim_anchors`,
//! `claim_subjects`, `claim_status_changes`, `claim_links`, `sources`, `evidence`).

use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id` of every Duizhao project: the ASCII bytes "DZhP". It lets `open`
/// tell a Duizhao project from any other SQLite file (browser history, another app's data)
/// before touching it.
pub const APPLICATION_ID: i32 = 0x445A_6850;

/// Version 1: documents, immutable texts, sentences, tokens, and the event history.
const V1: &str = r#"
PRAGMA application_id = 1146775632;

-- A statement, notice or piece of evidence; holds one or more texts (languages, revisions).
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind        TEXT    NOT NULL CHECK (kind IN ('statement', 'notice', 'evidence', 'other')),
    source      TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- An immutable revision of one language of a document. Editing makes a new row whose
-- `supersedes` names the revision it replaces; annotations re-anchor by quote, never silently.
CREATE TABLE texts (
    id                   INTEGER PRIMARY KEY,
    document_id          INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    lang                 TEXT    NOT NULL CHECK (lang IN ('zh', 'en')),
    content              TEXT    NOT NULL,
    char_len             INTEGER NOT NULL CHECK (char_len >= 0),
    sha256               TEXT    NOT NULL,  -- of the original file's bytes, before decoding
    encoding             TEXT    NOT NULL,
    encoding_detected    INTEGER NOT NULL CHECK (encoding_detected IN (0, 1)),
    original_name        TEXT,
    had_bom              INTEGER NOT NULL CHECK (had_bom IN (0, 1)),
    newlines_normalised  INTEGER NOT NULL CHECK (newlines_normalised IN (0, 1)),
    created_at           TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    supersedes           INTEGER REFERENCES texts(id)
) STRICT;
CREATE INDEX texts_by_document ON texts(document_id, lang);
CREATE INDEX texts_by_supersedes ON texts(supersedes) WHERE supersedes IS NOT NULL;

-- Invariant 1: a text revision never changes. Deleting one (undoing an import) stays
-- possible; annotation tables added later reference texts without cascade, so a text that
-- carries annotations cannot vanish under them.
CREATE TRIGGER texts_are_immutable BEFORE UPDATE ON texts
BEGIN
    SELECT RAISE(ABORT, 'texts are immutable: import a new revision instead of changing one');
END;

-- Sentences carry their quote so that anchors (beads, claims) can be checked against the
-- text on load; `check` re-derives it from `texts.content`.
CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    text_id    INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL CHECK (ordinal >= 0),
    start      INTEGER NOT NULL CHECK (start >= 0),
    "end"      INTEGER NOT NULL CHECK ("end" >= start),
    paragraph  INTEGER NOT NULL CHECK (paragraph >= 0),
    quote      TEXT    NOT NULL,
    UNIQUE (text_id, ordinal)
) STRICT;

CREATE TRIGGER sentences_are_immutable BEFORE UPDATE OF text_id, start, "end", quote ON sentences
BEGIN
    SELECT RAISE(ABORT, 'sentences are immutable: they belong to an immutable text');
END;

-- Tokens, derived data (text + segmenter + dictionary), one row per sentence: see the
-- `packed` module for the format. ~0.6 tokens per character made one row per token the
-- dominant cost of an import.
CREATE TABLE sentence_tokens (
    sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
    count       INTEGER NOT NULL CHECK (count >= 0),
    offsets     BLOB    NOT NULL CHECK (length(offsets) = 8 * count),
    pos         TEXT
) STRICT;

-- Append-only history: one row per change, written in the change's own transaction by the
-- one write path. `undone` is the only column that may change (undo/redo flips it).
CREATE TABLE events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: ids are never reused
    at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor    TEXT    NOT NULL CHECK (length(actor) > 0),
    action   TEXT    NOT NULL CHECK (length(action) > 0),
    summary  TEXT    NOT NULL,
    payload  TEXT    NOT NULL CHECK (json_valid(payload)),
    undone   INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;
CREATE INDEX events_by_action ON events(action);

CREATE TRIGGER events_are_append_only_update
BEFORE UPDATE OF id, at, actor, action, summary, payload ON events
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;
"#;

/// Version 2: sentence alignment. An alignment pairs one zh text with one en text of a
/// document; its beads partition both texts' sentences into consecutive runs (see
/// `Project::check` for the invariant); span links tie a zh span to an en span inside a bead.
///
/// Sentence boundaries become editable here (split/merge), but a sentence ROW stays immutable:
/// V1's `sentences_are_immutable` trigger is kept, and an edit deletes the old rows and inserts
/// new ones (new ids), renumbering the ordinals after them. A row id therefore always names
/// one exact span of the text, which is what an undo record or a bead membership relies on.
///
/// Rows referring to beads and sentences do NOT cascade: the alignment code deletes them
/// explicitly (and records them for undo), and a forgotten one makes the change fail instead
/// of silently dropping annotations.
const V2: &str = r#"
CREATE TABLE alignments (
    id          INTEGER PRIMARY KEY,
    zh_text_id  INTEGER NOT NULL REFERENCES texts(id),
    en_text_id  INTEGER NOT NULL REFERENCES texts(id),
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (zh_text_id, en_text_id)
) STRICT;

-- `position` orders the beads of an alignment, 0..n without gaps.
CREATE TABLE beads (
    id            INTEGER PRIMARY KEY,
    alignment_id  INTEGER NOT NULL REFERENCES alignments(id),
    position      INTEGER NOT NULL CHECK (position >= 0),
    confidence    REAL    NOT NULL CHECK (confidence >= 0.0 AND confidence <= 1.0),
    origin        TEXT    NOT NULL CHECK (origin IN ('auto', 'manual')),
    status        TEXT    NOT NULL CHECK (status IN ('unconfirmed', 'confirmed')),
    UNIQUE (alignment_id, position),
    UNIQUE (id, alignment_id)  -- target of bead_sentences' composite foreign key
) STRICT;

-- Which bead a sentence belongs to. The primary key makes a sentence belong to at most one
-- bead per alignment; the composite foreign key keeps the bead in the same alignment.
CREATE TABLE bead_sentences (
    alignment_id  INTEGER NOT NULL,
    sentence_id   INTEGER NOT NULL REFERENCES sentences(id),
    bead_id       INTEGER NOT NULL,
    lang          TEXT    NOT NULL CHECK (lang IN ('zh', 'en')),
    PRIMARY KEY (alignment_id, sentence_id),
    FOREIGN KEY (bead_id, alignment_id) REFERENCES beads(id, alignment_id)
) STRICT;
CREATE INDEX bead_sentences_by_bead ON bead_sentences(bead_id);
CREATE INDEX bead_sentences_by_sentence ON bead_sentences(sentence_id);

-- A word/phrase link inside a bead. Offsets are code points into the alignment's zh resp. en
-- text (not into a sentence), so they survive sentence splits and merges; quotes are kept
-- beside them and verified by `check`.
CREATE TABLE span_links (
    id        INTEGER PRIMARY KEY,
    bead_id   INTEGER NOT NULL REFERENCES beads(id),
    zh_start  INTEGER NOT NULL CHECK (zh_start >= 0),
    zh_end    INTEGER NOT NULL CHECK (zh_end > zh_start),
    zh_quote  TEXT    NOT NULL,
    en_start  INTEGER NOT NULL CHECK (en_start >= 0),
    en_end    INTEGER NOT NULL CHECK (en_end > en_start),
    en_quote  TEXT    NOT NULL,
    origin    TEXT    NOT NULL CHECK (origin IN ('auto', 'manual')),
    status    TEXT    NOT NULL CHECK (status IN ('suggested', 'accepted')),
    reason    TEXT
) STRICT;
CREATE INDEX span_links_by_bead ON span_links(bead_id);
"#;

/// Version 3: annotations and fact-checking. Entities of configurable types with aliases and
/// external ids; mentions of them in the texts; relations between entities; claims with
/// their anchors, subjects, status history and links to each other; sources and the
/// evidence tying them to claims.
///
/// Every table has an integer `id` primary key, so that the generic row records of
/// `rows::Record` can delete and re-create any row for undo/redo. Nothing cascades: deleting
/// an entity, mention, relation, claim or source deletes or changes the rows that depend on
/// it explicitly, in code, and records them, so that undo brings everything back.
///
/// Anchors (mentions, relation and claim anchors) store code-point offsets into an immutable
/// text revision with the quote and up to 32 code points of context on either side (a W3C
/// TextQuoteSelector); `check` verifies every quote against its text.
const V3: &str = r#"
-- The configurable schema: which kinds of entities and relations a project knows.
CREATE TABLE entity_types (
    id        INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL UNIQUE
                      CHECK (length(name) BETWEEN 1 AND 40 AND name NOT GLOB '*[^a-z0-9_]*'),
    position  INTEGER NOT NULL CHECK (position >= 0)
) STRICT;
INSERT INTO entity_types (id, name, position) VALUES
    (1, 'person', 0), (2, 'organisation', 1), (3, 'place', 2), (4, 'date', 3),
    (5, 'document', 4), (6, 'event', 5), (7, 'money', 6);

CREATE TABLE relation_types (
    id        INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL UNIQUE
                      CHECK (length(name) BETWEEN 1 AND 40 AND name NOT GLOB '*[^a-z0-9_]*'),
    position  INTEGER NOT NULL CHECK (position >= 0)
) STRICT;
INSERT INTO relation_types (id, name, position) VALUES
    (1, 'works_for', 0), (2, 'directs', 1), (3, 'owns', 2), (4, 'subordinate_of', 3),
    (5, 'front_for', 4), (6, 'spouse_of', 5), (7, 'alumnus_of', 6), (8, 'met_with', 7),
    (9, 'funded_by', 8);

-- A person, organisation, place, … Preferred names live here; other names are aliases.
-- `key` is a stable slug (e.g. "inst14") by which gazetteers name the entity.
CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    type_id     INTEGER NOT NULL REFERENCES entity_types(id),
    name_zh     TEXT    CHECK (name_zh IS NULL OR length(trim(name_zh)) > 0),
    name_en     TEXT    CHECK (name_en IS NULL OR length(trim(name_en)) > 0),
    notes       TEXT    NOT NULL DEFAULT '',
    key         TEXT    UNIQUE CHECK (key IS NULL OR length(key) > 0),
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK (name_zh IS NOT NULL OR name_en IS NOT NULL)
) STRICT;
CREATE INDEX entities_by_type ON entities(type_id);

CREATE TABLE aliases (
    id            INTEGER PRIMARY KEY,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    lang          TEXT    NOT NULL CHECK (lang IN ('zh', 'en')),
    script        TEXT    NOT NULL
                          CHECK (script IN ('simplified', 'traditional', 'pinyin', 'latin')),
    text          TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    abbreviation  INTEGER NOT NULL DEFAULT 0 CHECK (abbreviation IN (0, 1)),
    UNIQUE (entity_id, lang, text)
) STRICT;
CREATE INDEX aliases_by_text ON aliases(text);

-- Identifiers of an entity in other registries, e.g. ("company-registry", "2287164").
CREATE TABLE external_ids (
    id         INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    scheme     TEXT    NOT NULL CHECK (length(trim(scheme)) > 0),
    value      TEXT    NOT NULL CHECK (length(trim(value)) > 0),
    UNIQUE (entity_id, scheme, value)
) STRICT;
CREATE INDEX external_ids_by_value ON external_ids(scheme, value);

-- A span of a text that names an entity of a type. Overlapping and nested mentions are
-- allowed; the same span with the same type twice is not, in any status (a rejected
-- suggestion stays, so that it is not suggested again).
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    text_id     INTEGER NOT NULL REFERENCES texts(id),
    start       INTEGER NOT NULL CHECK (start >= 0),
    "end"       INTEGER NOT NULL CHECK ("end" > start),
    quote       TEXT    NOT NULL,
    prefix      TEXT    NOT NULL DEFAULT '',
    suffix      TEXT    NOT NULL DEFAULT '',
    type_id     INTEGER NOT NULL REFERENCES entity_types(id),
    entity_id   INTEGER REFERENCES entities(id),
    origin      TEXT    NOT NULL
                        CHECK (origin IN ('manual', 'registry', 'jieba', 'rule', 'projected')),
    status      TEXT    NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (text_id, start, "end", type_id)
) STRICT;
CREATE INDEX mentions_by_entity ON mentions(entity_id) WHERE entity_id IS NOT NULL;
CREATE INDEX mentions_by_type ON mentions(type_id);

CREATE TABLE relations (
    id         INTEGER PRIMARY KEY,
    type_id    INTEGER NOT NULL REFERENCES relation_types(id),
    source_id  INTEGER NOT NULL REFERENCES entities(id),
    target_id  INTEGER NOT NULL REFERENCES entities(id),
    note       TEXT    NOT NULL DEFAULT '',
    CHECK (source_id <> target_id)
) STRICT;
CREATE INDEX relations_by_source ON relations(source_id);
CREATE INDEX relations_by_target ON relations(target_id);

-- Where a text states a relation.
CREATE TABLE relation_anchors (
    id           INTEGER PRIMARY KEY,
    relation_id  INTEGER NOT NULL REFERENCES relations(id),
    text_id      INTEGER NOT NULL REFERENCES texts(id),
    start        INTEGER NOT NULL CHECK (start >= 0),
    "end"        INTEGER NOT NULL CHECK ("end" > start),
    quote        TEXT    NOT NULL,
    prefix       TEXT    NOT NULL DEFAULT '',
    suffix       TEXT    NOT NULL DEFAULT '',
    UNIQUE (relation_id, text_id, start, "end")
) STRICT;
CREATE INDEX relation_anchors_by_text ON relation_anchors(text_id);

-- A checkable statement, one line of English. Its time is kept as the analyst wrote it
-- (`time_label`) with the interval it stands for; either end may be open (NULL).
CREATE TABLE claims (
    id             INTEGER PRIMARY KEY,
    summary        TEXT    NOT NULL
                           CHECK (length(trim(summary)) > 0 AND instr(summary, char(10)) = 0),
    claimant_id    INTEGER REFERENCES entities(id),
    time_label     TEXT,
    time_earliest  TEXT    CHECK (time_earliest IS NULL
                                  OR (length(time_earliest) = 10
                                      AND date(time_earliest) IS time_earliest)),
    time_latest    TEXT    CHECK (time_latest IS NULL
                                  OR (length(time_latest) = 10
                                      AND date(time_latest) IS time_latest)),
    status         TEXT    NOT NULL CHECK (status IN ('unverified', 'supported', 'contradicted',
                                                      'disputed', 'unverifiable')),
    rationale      TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK (time_label IS NOT NULL OR (time_earliest IS NULL AND time_latest IS NULL)),
    CHECK (time_earliest IS NULL OR time_latest IS NULL OR time_earliest <= time_latest)
) STRICT;
CREATE INDEX claims_by_claimant ON claims(claimant_id) WHERE claimant_id IS NOT NULL;

CREATE TABLE claim_anchors (
    id        INTEGER PRIMARY KEY,
    claim_id  INTEGER NOT NULL REFERENCES claims(id),
    text_id   INTEGER NOT NULL REFERENCES texts(id),
    start     INTEGER NOT NULL CHECK (start >= 0),
    "end"     INTEGER NOT NULL CHECK ("end" > start),
    quote     TEXT    NOT NULL,
    prefix    TEXT    NOT NULL DEFAULT '',
    suffix    TEXT    NOT NULL DEFAULT '',
    UNIQUE (claim_id, text_id, start, "end")
) STRICT;
CREATE INDEX claim_anchors_by_text ON claim_anchors(text_id);

-- The entities a claim is about.
CREATE TABLE claim_subjects (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims(id),
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    UNIQUE (claim_id, entity_id)
) STRICT;
CREATE INDEX claim_subjects_by_entity ON claim_subjects(entity_id);

-- A claim's status history, one row per change including the first; undo removes a row.
CREATE TABLE claim_status_changes (
    id           INTEGER PRIMARY KEY,
    claim_id     INTEGER NOT NULL REFERENCES claims(id),
    at           TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor        TEXT    NOT NULL CHECK (length(actor) > 0),
    from_status  TEXT    CHECK (from_status IS NULL OR from_status IN ('unverified', 'supported',
                                'contradicted', 'disputed', 'unverifiable')),
    to_status    TEXT    NOT NULL CHECK (to_status IN ('unverified', 'supported', 'contradicted',
                                                       'disputed', 'unverifiable')),
    rationale    TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX claim_status_changes_by_claim ON claim_status_changes(claim_id);

CREATE TABLE claim_links (
    id             INTEGER PRIMARY KEY,
    from_claim_id  INTEGER NOT NULL REFERENCES claims(id),
    to_claim_id    INTEGER NOT NULL REFERENCES claims(id),
    kind           TEXT    NOT NULL CHECK (kind IN ('supports', 'contradicts', 'same_as')),
    note           TEXT    NOT NULL DEFAULT '',
    UNIQUE (from_claim_id, to_claim_id, kind),
    CHECK (from_claim_id <> to_claim_id)
) STRICT;
CREATE INDEX claim_links_by_target ON claim_links(to_claim_id);

-- Where evidence comes from, graded on the Admiralty scale: reliability of the source
-- A (completely reliable) … F (cannot be judged), credibility of the information
-- 1 (confirmed) … 6 (cannot be judged).
CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind         TEXT    NOT NULL CHECK (kind IN ('document', 'record', 'stamp', 'database',
                                                  'testimony', 'media', 'other')),
    citation     TEXT    NOT NULL DEFAULT '',
    date         TEXT,
    excerpt      TEXT    NOT NULL DEFAULT '',
    document_id  INTEGER REFERENCES documents(id),
    reliability  TEXT    NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    credibility  INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
    created_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX sources_by_document ON sources(document_id) WHERE document_id IS NOT NULL;

CREATE TABLE evidence (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims(id),
    source_id  INTEGER NOT NULL REFERENCES sources(id),
    stance     TEXT    NOT NULL CHECK (stance IN ('supports', 'contradicts', 'context')),
    note       TEXT    NOT NULL DEFAULT '',
    UNIQUE (claim_id, source_id)
) STRICT;
CREATE INDEX evidence_by_source ON evidence(source_id);
"#;

/// Every migration, oldest first, as SQL run in one batch. Index + 1 is the `user_version`
/// after it has run.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3];

/// The schema version this build creates and understands.
pub const LATEST_VERSION: usize = MIGRATIONS.len();

/// What [`migrate`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Migrated {
    /// The file is at [`LATEST_VERSION`] now (it may have been already).
    Current,
    /// The file's `user_version` is above [`LATEST_VERSION`]; nothing was changed.
    TooNew(i64),
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Bring the schema up to [`LATEST_VERSION`], all pending migrations in one transaction.
///
/// The version is re-read inside a `BEGIN IMMEDIATE` transaction, so when two processes open
/// an old file at once, the second waits for the first and then finds nothing left to do.
/// After the migrations, `PRAGMA foreign_key_check` must come back empty, because a migration
/// that rebuilds a table can otherwise leave dangling references behind unnoticed.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<Migrated> {
    let latest = LATEST_VERSION as i64;
    // Cheap unlocked look first: opening an up-to-date project must not need the write lock.
    let seen = user_version(conn)?;
    if seen == latest {
        return Ok(Migrated::Current);
    }
    if seen > latest {
        return Ok(Migrated::TooNew(seen));
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = user_version(&tx)?;
    if from > latest {
        return Ok(Migrated::TooNew(from));
    }
    let from = usize::try_from(from).unwrap_or(0);
    for sql in &MIGRATIONS[from..] {
        tx.execute_batch(sql)?;
    }
    let dangling: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if dangling > 0 {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
            Some(format!(
                "migrating to schema {latest} left {dangling} dangling references"
            )),
        ));
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.commit()?;
    Ok(Migrated::Current)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replays the migrations from every version a file could be at, on a fresh database,
    /// and checks the result: the equivalent of rusqlite_migration's `validate`.
    #[test]
    fn migrations_apply_from_every_version() {
        for start in 0..=LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            conn.pragma_update(None, "foreign_keys", true).unwrap();
            for sql in &MIGRATIONS[..start] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", start as i64)
                .unwrap();
            assert_eq!(migrate(&mut conn).unwrap(), Migrated::Current);
            assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION as i64);
            let app: i32 = conn
                .pragma_query_value(None, "application_id", |r| r.get(0))
                .unwrap();
            assert_eq!(app, APPLICATION_ID);
            // Idempotent: a second run finds nothing to do.
            assert_eq!(migrate(&mut conn).unwrap(), Migrated::Current);
        }
    }

    #[test]
    fn migrate_leaves_a_newer_file_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION as i64 + 3)
            .unwrap();
        assert_eq!(
            migrate(&mut conn).unwrap(),
            Migrated::TooNew(LATEST_VERSION as i64 + 3)
        );
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0);
    }

    #[test]
    fn application_id_literal_matches_constant() {
        // The migration SQL spells the id in decimal; keep it in step with the constant.
        assert!(V1.contains(&format!("PRAGMA application_id = {APPLICATION_ID};")));
    }
}
