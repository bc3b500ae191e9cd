/** The Services domain holds one service so far, the documents inbox: go straight there. */
import { redirect } from 'next/navigation';

export default function ServicesPage() {
  redirect('/services/documents');
}
