import type { BuiltCards as Cards } from '../../hooks/use-build';
import { ResultCard } from './ResultCard';
import { VARIANT_LABEL } from './variant-labels';

interface BuiltCardsProps {
  cards: Cards;
  onContinue: () => void;
}

/** A card per variant built in this tab, and the way on to Test. */
export function BuiltCards({ cards, onContinue }: BuiltCardsProps) {
  const built = Object.values(cards).filter((card) => card !== undefined);
  if (built.length === 0) return null;
  return (
    <>
      <div className="panel build-next" role="status" data-testid="build-next">
        <p>
          Built: <strong>{built.map((card) => VARIANT_LABEL[card.variant]).join(', ')}</strong>. Run them locally and send them requests next.
        </p>
        <button type="button" className="button button-primary" data-testid="build-continue" onClick={onContinue}>
          Continue to Test
        </button>
      </div>
      <div className="panel-stack" data-testid="build-results">
        {built.map((card) => (
          <ResultCard key={card.variant} built={card} />
        ))}
      </div>
    </>
  );
}
