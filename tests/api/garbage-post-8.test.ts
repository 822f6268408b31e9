// Odd values in every field of every action, shard 8: see tests/api/garbage/odd-input.ts.
import { postShard } from './garbage/post-shard';

postShard(8);
