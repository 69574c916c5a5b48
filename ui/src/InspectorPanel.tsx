/**
 * The inspector: everything about what the alignment editor has selected, in one place.
 * The bead (status, origin, confidence, its sentences with their numbers and code-point
 * spans), the text selected in it or the caret, the current name and its entity, the
 * current span link, and the claims anchored in the bead. It only shows; the editor and the
 * other panels edit. Document text is rendered as text.
 */
import { useEffect, useMemo, useState } from "react";
import { api } from "./api";
import type { BeadView } from "./bindings/BeadView";
import type { ClaimView } from "./bindings/ClaimView";
import type { EntityView } from "./bindings/EntityView";
import type { IpcError } from "./bindings/IpcError";
import type { MentionView } from "./bindings/MentionView";
import type { SpanLinkView } from "./bindings/SpanLinkView";
import { type Lang, confidencePercent } from "./alignment";
import { claimsInBead, spanLengths } from "./inspector";
import { linkSpan, quoteOf } from "./links";
import "./inspector.css";

/** What the alignment editor has selected, as the inspector shows it. */
export interface Inspected {
  documentId: number;
  /** The selected bead and its 1-based number. */
  bead: BeadView;
  number: number;
  /** The last text selected in this bead (code points into its side's text), if any. */
  selection: { lang: Lang; start: number; end: number; quote: string } | null;
  /** Where a click left the caret in this bead (code points), if it did. */
  caret: { lang: Lang; at: number } | null;
  /** The bead's current name (Tab, a click) and current link (. and ,). */
  mention: MentionView | null;
  link: SpanLinkView | null;
  /** The texts the alignment is of (claims anchor at texts). */
  textIds: { zh: number; en: number };
}

const LANGUAGE = { zh: "Chinese", en: "English" } as const;

export function InspectorPanel({ inspected, refreshKey }: { inspected: Inspected | null; refreshKey: number }) {
  const [claims, setClaims] = useState<ClaimView[] | null>(null);
  const [entity, setEntity] = useState<EntityView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const entityId = inspected?.mention?.entityId ?? null;

  useEffect(() => {
    let cancelled = false;
    api
      .listClaims()
      .then((list) => {
        if (!cancelled) setClaims(list);
      })
      .catch((e: IpcError) => {
        if (!cancelled) setError(e);
      });
    return () => {
      cancelled = true;
    };
  }, [refreshKey]);

  useEffect(() => {
    let cancelled = false;
    if (entityId === null) {
      setEntity(null);
      return;
    }
    api
      .getEntity(entityId)
      .then((found) => {
        if (!cancelled) setEntity(found);
      })
      .catch((e: IpcError) => {
        if (!cancelled) setError(e);
      });
    return () => {
      cancelled = true;
    };
  }, [entityId, refreshKey]);

  const anchored = useMemo(
    () => (inspected && claims ? claimsInBead(claims, inspected.bead, inspected.textIds) : []),
    [claims, inspected],
  );

  if (!inspected) {
    return (
      <section className="inspector" aria-label="Selection">
        <p className="inspector-hint">Select a bead in the parallel view to inspect it.</p>
      </section>
    );
  }
  const { bead, number, selection, caret, mention, link } = inspected;
  const links = { accepted: bead.links.filter((l) => l.status === "accepted").length, all: bead.links.length };
  return (
    <section className="inspector" aria-label="Selection">
      {error && (
        <p className="inspector-error" role="alert">
          {error.code}: {error.message}
        </p>
      )}
      <h2 className="inspector-title">Bead {number}</h2>
      <dl className="inspector-facts" data-section="bead">
        <dt>Status</dt>
        <dd data-field="status">
          {bead.status} · {bead.origin === "manual" ? "changed by hand" : "from the aligner"}
        </dd>
        <dt>Confidence</dt>
        <dd data-field="confidence">{confidencePercent(bead.confidence)}%</dd>
        <dt>Span links</dt>
        <dd>
          {links.all} ({links.accepted} accepted)
        </dd>
      </dl>
      {(["zh", "en"] as const).map((lang) => (
        <div key={lang} className="inspector-sentences" data-lang={lang}>
          <h3>
            {LANGUAGE[lang]} · {bead[lang].length === 1 ? "1 sentence" : `${bead[lang].length} sentences`}
          </h3>
          {bead[lang].length === 0 ? (
            <p className="inspector-hint">No counterpart on this side.</p>
          ) : (
            <ol>
              {bead[lang].map((sentence) => (
                <li key={sentence.id} data-sentence-id={sentence.id}>
                  <span className="inspector-meta">
                    sentence {sentence.ordinal + 1} · code points {sentence.start}–{sentence.end}
                  </span>
                  <span className="inspector-text" lang={lang === "zh" ? "zh-Hans" : "en"}>
                    {sentence.text}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
      {selection && (
        <div className="inspector-block" data-section="selection">
          <h3>Selected text</h3>
          <p className="inspector-meta">
            {LANGUAGE[selection.lang]} · code points {selection.start}–{selection.end} ·{" "}
            {spanText(spanLengths(selection.quote))}
          </p>
          <p className="inspector-text" lang={selection.lang === "zh" ? "zh-Hans" : "en"}>
            {selection.quote}
          </p>
        </div>
      )}
      {caret && !selection && (
        <div className="inspector-block" data-section="caret">
          <h3>Caret</h3>
          <p className="inspector-meta">
            {LANGUAGE[caret.lang]} · at code point {caret.at} (b splits the sentence here)
          </p>
        </div>
      )}
      {mention && (
        <div className="inspector-block" data-section="mention">
          <h3>Name</h3>
          <p className="inspector-text" lang={mention.lang === "zh" ? "zh-Hans" : "en"}>
            {mention.quote}
          </p>
          <p className="inspector-meta">
            {mention.typeName} · {mention.status} · {mention.origin} · {LANGUAGE[mention.lang]} code points{" "}
            {mention.start}–{mention.end}
          </p>
          {entity ? (
            <p className="inspector-entity" data-field="entity">
              Entity {entity.id}: {[entity.nameZh, entity.nameEn].filter(Boolean).join(" / ") || "(no name)"} ·{" "}
              {entity.typeName} · {entity.aliases.length === 1 ? "1 alias" : `${entity.aliases.length} aliases`} ·{" "}
              {entity.mentionCount === 1 ? "1 mention" : `${entity.mentionCount} mentions`}
            </p>
          ) : (
            <p className="inspector-hint">Not linked to an entity (e links it).</p>
          )}
        </div>
      )}
      {link && (
        <div className="inspector-block" data-section="link">
          <h3>Span link</h3>
          <p className="inspector-text">
            <span lang="zh-Hans">{quoteOf(bead.zh, linkSpan(link, "zh"))}</span> ↔{" "}
            <span lang="en">{quoteOf(bead.en, linkSpan(link, "en"))}</span>
          </p>
          <p className="inspector-meta">
            {link.status} · {link.origin}
            {link.reason ? ` · ${link.reason}` : ""}
          </p>
        </div>
      )}
      <div className="inspector-block" data-section="claims">
        <h3>Claims anchored here</h3>
        {claims === null ? (
          <p className="inspector-hint">Loading…</p>
        ) : anchored.length === 0 ? (
          <p className="inspector-hint">None.</p>
        ) : (
          <ul className="inspector-claims">
            {anchored.map((claim) => (
              <li key={claim.id} data-claim-id={claim.id}>
                <span className={`inspector-chip status-${claim.status}`}>{claim.status}</span> #{claim.id}{" "}
                {claim.summary || "(no summary)"}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function spanText({ codePoints, utf16 }: { codePoints: number; utf16: number }): string {
  const points = codePoints === 1 ? "1 character" : `${codePoints} characters`;
  return utf16 === codePoints ? points : `${points} (${utf16} UTF-16 units)`;
}
