-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WriterClaim" (
    "slot" TEXT NOT NULL PRIMARY KEY,
    "pid" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'starting',
    "stateAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" TEXT
);
INSERT INTO "new_WriterClaim" ("command", "heartbeatAt", "host", "pid", "slot", "startedAt") SELECT "command", "heartbeatAt", "host", "pid", "slot", "startedAt" FROM "WriterClaim";
DROP TABLE "WriterClaim";
ALTER TABLE "new_WriterClaim" RENAME TO "WriterClaim";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

