import { main } from './commands/main';

const result = await main(process.argv.slice(2));
if (result !== 'running') process.exit(result);
