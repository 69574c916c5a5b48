/**
 * The chosen document's texts side by side, Chinese first, each sentence numbered from 1.
 * Until alignment exists the two columns scroll independently: row n on the left is not
 * yet the translation of row n on the right.
 */
import type { DocumentView } from "./api";
import type { TextView } from "./bindings/TextView";

const LANGUAGE_ORDER: Record<string, number> = { zh: 0, en: 1 };
const LANGUAGE_NAMES: Record<string, string> = { zh: "Chinese 中文", en: "English" };
const HTML_LANG: Record<string, string> = { zh: "zh-Hans", en: "en" };

export function ParallelView({ document }: { document: DocumentView }) {
  const texts = [...document.texts].sort(
    (a, b) => (LANGUAGE_ORDER[a.lang] ?? 9) - (LANGUAGE_ORDER[b.lang] ?? 9),
  );
  return (
    <section className="parallel" aria-label={document.title}>
      <h1 className="doc-heading">{document.title}</h1>
      <div className="columns">
        {texts.map((text) => (
          <TextColumn key={text.id} text={text} />
        ))}
      </div>
    </section>
  );
}

function TextColumn({ text }: { text: TextView }) {
  let previousParagraph = -1;
  return (
    <div className={`column column-${text.lang}`} data-lang={text.lang}>
      <div className="column-head">
        <span className="column-lang">{LANGUAGE_NAMES[text.lang] ?? text.lang}</span>
        <span className="column-meta">
          {text.sentences.length} sentences · {text.charLen.toLocaleString("en")} characters ·{" "}
          {text.encoding}
          {text.encodingDetected ? " (detected)" : " (chosen)"}
          {text.originalName ? ` · ${text.originalName}` : ""}
        </span>
      </div>
      <ol className="sentences" lang={HTML_LANG[text.lang] ?? text.lang}>
        {text.sentences.map((sentence) => {
          const startsParagraph = sentence.paragraph !== previousParagraph && previousParagraph !== -1;
          previousParagraph = sentence.paragraph;
          return (
            <li
              key={sentence.id}
              className={startsParagraph ? "sentence paragraph-start" : "sentence"}
              data-ordinal={sentence.ordinal}
            >
              <span className="sentence-number" aria-hidden="true">
                {sentence.ordinal + 1}
              </span>
              <span className="sentence-text">{sentence.text}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
