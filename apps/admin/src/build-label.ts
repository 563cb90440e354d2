/** Which build of this remote is running (set by tools/deploy; `local` for a developer build). */
export const BUILD_LABEL: string = import.meta.env.VITE_PAMS_BUILD_LABEL ?? 'local';
