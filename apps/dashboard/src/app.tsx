import { Route, Routes } from 'react-router';
import { HomePage } from './features/home/home-page';
import { NotFoundPage } from './features/home/not-found-page';

export function App() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
