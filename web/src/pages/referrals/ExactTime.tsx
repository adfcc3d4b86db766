import { Time } from '../../components/Time';

/** A legal time: in the reader's language and, exactly, as the node recorded it (UTC, to the millisecond). */
export function ExactTime({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span>—</span>;
  return (
    <>
      <Time iso={iso} /> <code className="exact">{iso}</code>
    </>
  );
}
