import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { UPCOMING_MODULES, type UpcomingModule } from './module-info';

/** A module that is not built yet: says what it will do, and nothing more. */
export function UpcomingModulePage({ module }: { module: UpcomingModule }) {
  const info = UPCOMING_MODULES[module];
  if (!info) return null;
  return (
    <>
      <PageHeader title={info.title} description={info.summary} />
      <EmptyState
        icon={<Icon name={info.icon} className="h-6 w-6" />}
        title={`${info.title} arrives in a coming version`}
      >
        <p>This part of Switchboard is not built yet. When it arrives, it will let you:</p>
        <ul className="mx-auto mt-3 inline-block list-disc space-y-1 pl-5 text-left">
          {info.points.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
        <p className="mt-4">
          <Badge tone="indigo">Coming soon</Badge>
        </p>
      </EmptyState>
    </>
  );
}
