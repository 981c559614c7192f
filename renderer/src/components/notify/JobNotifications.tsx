import { useJobNotifications } from '../../hooks/use-job-notifications';

/** Mounted once by the app: listens for long jobs that end while the user looks elsewhere. Renders nothing. */
export function JobNotifications() {
  useJobNotifications();
  return null;
}
