#!/usr/bin/env node
// `npm run generate -w @akount/db`: the Prisma client, made the way the
// bootstrap makes it (offline-safe, skipped when the schema has not changed).
import { ensurePrismaClient } from './bootstrap/dependencies.mjs';

ensurePrismaClient();
