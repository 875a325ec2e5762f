import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Class names joined, conditionals dropped, and Tailwind conflicts resolved in favour of the
 * later class: a caller's `px-0` replaces a primitive's `px-4` without `!important`.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
