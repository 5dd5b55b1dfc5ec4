// CLI commands that need the staff model (user add, demo); filled in with the staff sign-in work.
export async function runCliCommand(command: string, args: readonly string[], sub: string | undefined): Promise<number> {
  void args;
  void sub;
  console.error(`zhitong ${command}: not available yet`);
  return 2;
}
