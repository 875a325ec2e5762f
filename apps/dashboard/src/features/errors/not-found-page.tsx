import { Link } from 'react-router';
import { useTitle } from '../../lib/use-title';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <main id="main" className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-slate-600">There is nothing at this address.</p>
      <Link className="mt-6 inline-block font-medium text-indigo-700 underline" to="/">
        Back to the start
      </Link>
    </main>
  );
}
