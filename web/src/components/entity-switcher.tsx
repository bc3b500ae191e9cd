/** Picks the entity (business) a page shows. A plain GET form: works without JavaScript. */
export function EntitySwitcher({
  entities,
  selected,
  action,
}: {
  entities: { id: string; name: string }[];
  selected: string;
  action: string;
}) {
  if (entities.length < 2) return null;
  return (
    <form action={action} className="inline-form">
      <label htmlFor="entity">Business</label>
      <select id="entity" name="entity" defaultValue={selected}>
        {entities.map((entity) => (
          <option key={entity.id} value={entity.id}>
            {entity.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary">
        Show
      </button>
    </form>
  );
}
