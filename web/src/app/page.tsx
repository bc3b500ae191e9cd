/** The root URL has no page of its own: signed-in users start at the overview (the proxy sends others to sign in). */
import { redirect } from 'next/navigation';
import { defaultReturnPath } from '@/return-path';

export default function Home() {
  redirect(defaultReturnPath);
}
