import { Fragment } from 'react';

/** A path or URL that may wrap after a slash or an @, rather than in the middle of a name. */
export function PathText({ text }: { text: string }) {
  const parts = text.split(/(?<=[/@])(?!\/)/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
