/**
 * What every feature shares and that belongs to none of them: the domain exceptions services throw
 * (mapped to HTTP problems by the REST layer and to JSON-RPC errors by the MCP layer), the one id
 * rule, the one limit parser, and the one way a failure's reason is put in a log line. Depends on
 * no other package of the service.
 */
package io.mcp.sessionstore.common;
