export async function startServer(): Promise<number> {
  return 1;
}
