import { useCallback, useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react';

/** Every row has this height (CSS `.log-row` matches), so the rows in view follow from scrollTop alone. */
export const LOG_ROW_HEIGHT = 20;
const OVERSCAN_ROWS = 12;

/**
 * The scrolling of a virtualised log: which rows are in view (only those are rendered), and
 * follow-tail, which keeps the newest line in view until the user scrolls up.
 */
export function useLogScroll(rowCount: number) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(400);
  const [follow, setFollow] = useState(true);

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const observer = new ResizeObserver(() => setViewHeight(scroller.clientHeight));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  // Runs after the taller spacer is in the DOM, so the newest row is in view before paint.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (follow && scroller) {
      scroller.scrollTop = scroller.scrollHeight;
      setScrollTop(scroller.scrollTop);
    }
  }, [follow, rowCount, viewHeight]);

  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      const scroller = event.currentTarget;
      setScrollTop(scroller.scrollTop);
      // Growth never fires a scroll event, so a scroll that leaves the end is the user's.
      const fromEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
      if (follow && fromEnd > LOG_ROW_HEIGHT) setFollow(false);
    },
    [follow],
  );

  const scrollToRow = useCallback((row: number) => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    setFollow(false);
    scroller.scrollTop = Math.max(0, row * LOG_ROW_HEIGHT - scroller.clientHeight / 2 + LOG_ROW_HEIGHT);
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / LOG_ROW_HEIGHT) - OVERSCAN_ROWS);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewHeight) / LOG_ROW_HEIGHT) + OVERSCAN_ROWS);
  return { scrollerRef, onScroll, first, last, follow, setFollow, scrollToRow };
}
