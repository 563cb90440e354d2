import { Link, Notice } from '@pams/client-ui';

export function NotFound({ home }: { home: string }) {
  return (
    <Notice title="Page not found">
      <p>
        Nothing lives at this address. <Link href={home}>Go to your start page</Link>.
      </p>
    </Notice>
  );
}
