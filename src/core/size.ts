/** Sizes in messages: bytes → "12.3" (MiB, one place), the same wording everywhere a limit is named. */
export function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
