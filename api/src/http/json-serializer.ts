/**
 * A response serializer that only writes JSON, for a route whose data is
 * checked where it is read: the transactions list, whose rows the db
 * package's reader checks field by field (transaction-list.ts, `unpackRow`)
 * and builds in the API's shape. Checking the page again with zod on the way
 * out cost as much as serialising it, on the app's hottest route. The route's
 * zod schema still documents the response (OpenAPI), and the API tests check
 * real pages against it. Every other route keeps the zod type provider's
 * serializer, which checks each response.
 */
export function jsonSerializerCompiler() {
  return (data: unknown): string => JSON.stringify(data);
}
