/**
 * The alignment as rows of beads: number, the Chinese sentence(s), the English sentence(s),
 * the aligner's confidence and whether a person confirmed the bead. Presentation only; the
 * selection and every edit live in AlignmentPanel. Sentence text is rendered as React text
 * children, never as HTML.
 */
import { forwardRef, memo } from "react";
import type { BeadView } from "./api";
import type { BeadSentenceView } from "./bindings/BeadSentenceView";
import { confidenceBucket, confidenceLabel, confidencePercent } from "./alignment";

interface Props {
  beads: BeadView[];
  selected: number;
  onSelect: (index: number) => void;
  label: string;
}

export const beadElementId = (bead: Pick<BeadView, "id">) => `bead-${bead.id}`;

export const BeadTable = forwardRef<HTMLDivElement, Props>(function BeadTable(
  { beads, selected, onSelect, label },
  ref,
) {
  const active = beads[selected];
  return (
    <div className="bead-table">
      <div
        ref={ref}
        className="beads"
        role="listbox"
        aria-label={label}
        tabIndex={0}
        aria-activedescendant={active ? beadElementId(active) : undefined}
      >
        {/* Inside the scrolling list (sticky), so its columns line up with the rows'. */}
        <div className="bead-row bead-header" aria-hidden="true">
          <span className="bead-number">#</span>
          <span className="bead-side" lang="zh-Hans">
            中文 Chinese
          </span>
          <span className="bead-side">English</span>
          <span className="bead-confidence">Confidence</span>
          <span className="bead-status">Status</span>
        </div>
        {beads.map((bead, index) => (
          <BeadRow key={bead.id} bead={bead} index={index} selected={index === selected} onSelect={onSelect} />
        ))}
      </div>
    </div>
  );
});

interface RowProps {
  bead: BeadView;
  index: number;
  selected: boolean;
  onSelect: (index: number) => void;
}

const BeadRow = memo(function BeadRow({ bead, index, selected, onSelect }: RowProps) {
  const bucket = confidenceBucket(bead.confidence);
  const confirmed = bead.status === "confirmed";
  const classes = ["bead-row", "bead", `bead-${bucket}`];
  if (selected) classes.push("selected");
  if (confirmed) classes.push("confirmed");
  return (
    <div
      id={beadElementId(bead)}
      role="option"
      aria-selected={selected}
      className={classes.join(" ")}
      data-position={bead.position}
      data-bead-id={bead.id}
      data-status={bead.status}
      onClick={() => onSelect(index)}
    >
      <span className="bead-number">{bead.position + 1}</span>
      <Side sentences={bead.zh} lang="zh" />
      <Side sentences={bead.en} lang="en" />
      <Confidence value={bead.confidence} />
      <span className="bead-status">
        {confirmed && (
          <span className="confirmed-mark" role="img" aria-label="confirmed" title="Confirmed">
            ✓
          </span>
        )}
        {bead.origin === "manual" && (
          <span className="edited-mark" title="Changed by hand">
            edited
          </span>
        )}
      </span>
    </div>
  );
});

function Side({ sentences, lang }: { sentences: BeadSentenceView[]; lang: "zh" | "en" }) {
  return (
    <div className={`bead-side bead-${lang}`} lang={lang === "zh" ? "zh-Hans" : "en"}>
      {sentences.length === 0 ? (
        <span className="no-counterpart">— (no counterpart)</span>
      ) : (
        sentences.map((sentence) => (
          <p key={sentence.id} className="sentence" data-ordinal={sentence.ordinal}>
            <span className="sentence-number" aria-hidden="true">
              {sentence.ordinal + 1}
            </span>
            <span className="sentence-text">{sentence.text}</span>
          </p>
        ))
      )}
    </div>
  );
}

function Confidence({ value }: { value: number }) {
  const percent = confidencePercent(value);
  const bucket = confidenceBucket(value);
  return (
    <span
      className={`bead-confidence confidence confidence-${bucket}`}
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-label={confidenceLabel(value)}
      data-bucket={bucket}
    >
      <span className="confidence-bar" aria-hidden="true">
        <span className="confidence-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="confidence-value">{percent}%</span>
    </span>
  );
}
