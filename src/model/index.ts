export * from "./generated"
// registers the hand-written indexes with TypeORM (see ./handWrittenIndexes.ts)
import "./handWrittenIndexes"
