// Odd values in every field of every action, shard 7: see tests/api/garbage/odd-input.ts.
import { postShard } from './garbage/post-shard';

postShard(7);
