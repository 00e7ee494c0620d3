interface SegmentedControlProps<Value extends string> {
  label: string;
  value: Value;
  options: readonly { value: Value; label: string; hint?: string }[];
  onChange: (value: Value) => void;
  disabled?: boolean;
}

/** A radio group drawn as segmented buttons. */
export function SegmentedControl<Value extends string>({
  label,
  value,
  options,
  onChange,
  disabled = false,
}: SegmentedControlProps<Value>) {
  return (
    <fieldset className="segmented" disabled={disabled}>
      <legend>{label}</legend>
      <div className="segmented-options">
        {options.map((option) => (
          <label key={option.value} className={option.value === value ? "is-selected" : undefined}>
            <input
              type="radio"
              name={label}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span className="segmented-label">{option.label}</span>
            {option.hint ? <span className="segmented-hint">{option.hint}</span> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
