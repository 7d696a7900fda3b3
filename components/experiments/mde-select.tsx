import { percent } from './format';

const MDE_CHOICES = [0.01, 0.02, 0.05, 0.1, 0.2];

/** The minimum detectable effect a sample-size estimate is made for: one picker for planning and results. */
export function MdeSelect({ value, onChange }: { value: number; onChange: (mde: number) => void }) {
  return (
    <label className="subtle">
      Minimum detectable effect{' '}
      <select className="select" value={value} onChange={(event) => onChange(Number(event.target.value))} aria-label="Minimum detectable effect">
        {MDE_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {percent(choice, 0)}
          </option>
        ))}
      </select>
    </label>
  );
}
