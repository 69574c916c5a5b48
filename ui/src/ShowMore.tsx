/**
 * Long lists outside the virtualised bead table (a document's unlinked mentions, an
 * entity's mentions, the registry, the claims) render their first items only, with a
 * "Show more" button that adds as many again: a 10,000-bead document has tens of thousands
 * of mentions, and rendering them all costs seconds and hundreds of megabytes.
 */
import { useEffect, useState } from "react";

/** How many items a capped list shows at first, and how many more each click adds. */
export const SHOW_FIRST = 200;

/**
 * The first `limit` items and the limit's setter; the limit goes back to `step` when
 * `resetKey` changes (another document, another entity).
 */
export function useCapped<T>(items: readonly T[], resetKey: unknown = null, step = SHOW_FIRST) {
  const [limit, setLimit] = useState(step);
  useEffect(() => setLimit(step), [resetKey, step]);
  const shown = items.length > limit ? items.slice(0, limit) : items;
  return { shown, limit, more: () => setLimit((l) => l + step), step };
}

/** The "Showing n of m · Show more" line under a capped list (nothing when all are shown). */
export function ShowMore({
  total,
  shown,
  step = SHOW_FIRST,
  onMore,
  className = "show-more",
}: {
  total: number;
  shown: number;
  step?: number;
  onMore: () => void;
  className?: string;
}) {
  if (shown >= total) return null;
  return (
    <p className={className}>
      <span className="show-more-count">
        Showing {shown} of {total}.
      </span>{" "}
      <button type="button" className="show-more-button" onClick={onMore}>
        Show {Math.min(step, total - shown)} more
      </button>
    </p>
  );
}
