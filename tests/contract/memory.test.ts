import { memoryStores } from '../../server/persistence/memory';
import { storageContract } from './storage-contract';

storageContract('memory', async () => memoryStores());
