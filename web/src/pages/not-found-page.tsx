import { BackHomePanel } from '../components/message-panel.tsx';

export default function NotFoundPage() {
  return <BackHomePanel title="notFound.title" body="notFound.body" back="notFound.back" />;
}
