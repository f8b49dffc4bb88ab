// spec/porta.md §8: every failure is a ResponseStatus {ErrorCode, Message, Errors[]} with the
// ErrorCode as HTTP reason phrase. A fault is a failure already in those wire terms; the dialect's
// errors.ts maps domain errors onto the same shape.

/** One `ResponseError` of `ResponseStatus.Errors`. */
export interface PortaFieldError {
  ErrorCode: string
  FieldName: string
  Message: string
}

/** A failure as the §8 reply carries it: HTTP status (reason phrase = ErrorCode) and ResponseStatus. */
export interface PortaErrorBody {
  status: number
  ErrorCode: string
  Message: string
  Errors: PortaFieldError[]
}

/** A dialect-level failure (binding, missing argument) already in wire terms. */
export class PortaFault extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly errors: PortaFieldError[] = [],
  ) {
    super(message)
  }
}

/** §6: a value that cannot be converted to its field's type. */
export function bindingFault(fields: { field: string; value: string }[]): PortaFault {
  return new PortaFault(400, 'SerializationException', "Unable to bind to request 'Product'", fields.map((f) => ({
    ErrorCode: 'SerializationException', FieldName: f.field, Message: `'${f.value}' is an Invalid value for '${f.field}'`,
  })))
}

/** §4.1: a required subject id (or argument) that is 0/empty/invalid. */
export function argumentFault(field: string, message = `${field} is required`): PortaFault {
  return new PortaFault(400, 'ArgumentException', message, [{ ErrorCode: 'ArgumentException', FieldName: field, Message: message }])
}
