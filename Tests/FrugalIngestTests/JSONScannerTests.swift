import FrugalIngest
import Testing

@Suite struct JSONScannerTests {
    func scan(_ paths: [String], _ text: String, limits: JSONLimits = JSONLimits()) throws(JSONScanError)
        -> [JSONValue?]
    {
        let scanner = JSONScanner(query: JSONQuery(paths), limits: limits)
        try scanner.scan(Array(text.utf8))
        return (0..<paths.count).map { scanner[$0] }
    }

    @Test func extractsTopLevelAndNestedFieldsOfEveryType() throws {
        let values = try scan(
            ["s", "i", "d", "t", "f", "n", "o", "a", "deep.x.y", "missing"],
            #"{"s":"hé","i":-42,"d":1.5e3,"t":true,"f":false,"n":null,"o":{"k":1},"a":[1,{"s":2}],"deep":{"x":{"y":7}}}"#
        )
        #expect(
            values == [
                .string("hé"), .int(-42), .double(1500), .bool(true), .bool(false), .null, .object, .array, .int(7),
                nil,
            ])
    }

    @Test func unescapesOnlyStringsWithEscapes() throws {
        let values = try scan(["a", "b"], #"{"a":"plain","b":"q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}"#)
        #expect(values == [.string("plain"), .string("q\"\\/\u{8}\u{c}\n\r\té😀")])
    }

    @Test func loneSurrogateBecomesReplacementCharacter() throws {
        #expect(try scan(["a"], #"{"a":"x\ud800y"}"#) == [.string("x\u{FFFD}y")])
    }

    @Test func readsInsideAStringThatHoldsJSON() throws {
        let line = #"{"metadata":"{\"user_api_key\": \"88dc\", \"usage_object\": {\"prompt_tokens\": 10}}"}"#
        let values = try scan(["metadata.user_api_key", "metadata.usage_object.prompt_tokens"], line)
        #expect(values == [.string("88dc"), .int(10)])
    }

    @Test func aStringThatIsNotJSONYieldsNoInnerFields() throws {
        #expect(try scan(["metadata.k"], #"{"metadata":"{\"k\": tru"}"#) == [nil])
        #expect(try scan(["metadata.k", "metadata"], #"{"metadata":"plain"}"#) == [nil, .string("plain")])
    }

    @Test func matchesKeysWrittenWithEscapes() throws {
        #expect(try scan(["id"], #"{"\u0069d":"x"}"#) == [.string("x")])
    }

    @Test func lastDuplicateKeyWinsAndUnknownKeysAreIgnored() throws {
        #expect(try scan(["a"], #"{"a":1,"zzz":{"q":[true,null]},"a":2}"#) == [.int(2)])
    }

    @Test func integersBeyondSixtyFourBitsAreDoubles() throws {
        #expect(try scan(["a"], #"{"a":18446744073709551616}"#) == [.double(18_446_744_073_709_551_616)])
        #expect(try scan(["a"], #"{"a":-9223372036854775808}"#) == [.int(.min)])
    }

    @Test(arguments: [
        (#"{"a":"#, JSONScanError.truncated),
        (#"{"a":"abc"#, .truncated),
        (#"{"a":1"#, .truncated),
        (#"{"a":[1,2"#, .truncated),
        (#"{"a":tr"#, .truncated),
        (#"{"a":"\u00"#, .truncated),
        ("", .truncated),
        (#"[1]"#, .notAnObject),
        (#"{"a":1} x"#, .trailingData(offset: 8)),
        (#"{"a":01}"#, .unexpected(byte: UInt8(ascii: "1"), offset: 6)),
        (#"{"a":1.}"#, .unexpected(byte: UInt8(ascii: "}"), offset: 7)),
        (#"{"a":tru}"#, .unexpected(byte: UInt8(ascii: "}"), offset: 8)),
        (#"{"a":"\x"}"#, .unexpected(byte: UInt8(ascii: "x"), offset: 7)),
        ("{\"a\":\"\t\"}", .unexpected(byte: 9, offset: 6)),
        (#"{a:1}"#, .unexpected(byte: UInt8(ascii: "a"), offset: 1)),
        (#"{"a":1,}"#, .unexpected(byte: UInt8(ascii: "}"), offset: 7)),
        (#"{"a" 1}"#, .unexpected(byte: UInt8(ascii: "1"), offset: 5)),
    ])
    func rejectsMalformedJSON(text: String, error: JSONScanError) {
        #expect(throws: error) { try scan(["a"], text) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        for bytes: [UInt8] in [[0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80]] {
            let line = Array(#"{"a":"x"#.utf8) + bytes + Array(#"y"}"#.utf8)
            let scanner = JSONScanner(query: JSONQuery(["a"]))
            #expect(throws: JSONScanError.invalidUTF8(offset: 7)) { try scanner.scan(line) }
        }
    }

    @Test func acceptsEveryValidUTF8Length() throws {
        #expect(try scan(["a"], #"{"a":"é€𝄞"}"#) == [.string("é€𝄞")])
    }

    @Test func limitsDepthAndStringLength() {
        let deep = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(throws: JSONScanError.tooDeep(limit: 8)) {
            try scan(["a"], #"{"a":\#(deep)}"#, limits: JSONLimits(maxDepth: 8))
        }
        #expect(throws: JSONScanError.stringTooLong(limit: 4)) {
            try scan(["a"], #"{"a":"12345"}"#, limits: JSONLimits(maxStringBytes: 4))
        }
        #expect((try? scan(["a"], #"{"a":\#(deep)}"#, limits: JSONLimits(maxDepth: 11))) != nil)
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONScanError.tooDeep(limit: 64)) { try scan(["a"], #"{"a":\#(deep)}"#) }
    }

    @Test func whitespaceAroundTokensIsAllowed() throws {
        #expect(try scan(["a.b"], " {\t\"a\" :\r\n { \"b\" : [ 1 , 2 ] } } ") == [.array])
    }

    /// Strings are decoded from the scanned bytes when read: from a buffer
    /// while it is valid, from inside a JSON string (freed once scanned) at
    /// once, and from an array before `scan` returns.
    @Test func stringsReadLaterComeFromTheRightBytes() throws {
        let line = #"{"id":"chatcmpl-0123456789abcdef","m":"{\"k\": \"a-long-inner-value-xyz\", \"e\": \"\"}"}"#
        let paths = ["id", "m.k", "m.e"]
        let scanner = JSONScanner(query: JSONQuery(paths))
        var bytes = Array(line.utf8)
        try bytes.withUnsafeBytes { try scanner.scan($0) }
        bytes.withUnsafeBytes { _ in
            #expect(scanner[1] == .string("a-long-inner-value-xyz"))
            #expect(scanner[2] == .string(""))
        }
        try scanner.scan(bytes)
        bytes = Array(repeating: 0x20, count: bytes.count)
        #expect(
            (0..<3).map { scanner[$0] } == [
                .string("chatcmpl-0123456789abcdef"), .string("a-long-inner-value-xyz"), .string(""),
            ])
    }
}
