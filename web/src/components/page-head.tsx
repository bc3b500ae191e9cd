/** A data page's title row: the heading and, for users with several businesses, the entity switcher. */
import { EntitySwitcher } from './entity-switcher';

export function PageHead({
  id,
  title,
  entities,
  selected,
}: {
  id: string;
  title: string;
  entities: { id: string; name: string }[];
  selected: string;
}) {
  return (
    <div className="page-head">
      <h1 id={id}>{title}</h1>
      <EntitySwitcher entities={entities} selected={selected} action={`/${title.toLowerCase()}`} />
    </div>
  );
}
