import { api } from './client.ts';

/** A background job that used up its retries (GET /api/v1/jobs/dead-letters). */
export interface DeadLetter {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  createdOn: string;
  failedOn: string | null;
  error: string;
}

export const jobsApi = {
  deadLetters: () => api.get<{ items: DeadLetter[] }>('/api/v1/jobs/dead-letters'),
  retry: (id: string) => api.post<{ id: string; status: 'queued' }>(`/api/v1/jobs/dead-letters/${id}/retry`),
};
