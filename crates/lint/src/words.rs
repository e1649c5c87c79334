//! Japanese for the parser's diagnostics: one sentence per issue code, in
//! the terms of AWS's Japanese documentation and of the page, followed by
//! the user's own text that the English message quotes.

use policy::issue::IssueCode;

/// The Japanese message for a parser diagnostic of kind `issue` whose
/// English message is `en`.
pub(crate) fn issue_ja(issue: IssueCode, en: &str) -> String {
    let quoted = first_quoted(en);
    let sentence = sentence_ja(issue);
    match quoted {
        Some(q) => format!("{sentence}（`{q}`）"),
        None => sentence.to_string(),
    }
}

/// The first text in backticks of a message (the user's input, by the house style).
fn first_quoted(en: &str) -> Option<&str> {
    let start = en.find('`')? + 1;
    let rest = en.get(start..)?;
    let end = rest.find('`')?;
    rest.get(..end)
}

fn sentence_ja(issue: IssueCode) -> &'static str {
    use IssueCode::*;
    match issue {
        JsonSyntaxError => "JSON 構文エラーです。JSON の構文を修正してください。",
        InvalidVersion => "バージョンが無効です。`2012-10-17` を使用してください。",
        MissingVersion => "`Version` 要素がありません。`Version` がないと `${aws:username}` などのポリシー変数は文字列として扱われます。",
        MissingStatement => "ステートメントがありません。ポリシーにはステートメントが 1 つ以上必要です。",
        DataTypeMismatch => "データ型が一致しません。この要素に必要な JSON のデータ型を使用してください。",
        InvalidPolicyElement => "ポリシー要素が無効です。サポートされている JSON ポリシー要素だけを使用してください。",
        UniqueSidsRequired => "ステートメント ID (Sid) が重複しています。Sid はポリシー内で一意にしてください。",
        UnsupportedSid => "Sid に使用できない文字があります。英大文字・英小文字・数字だけを使用してください。",
        MissingEffect => "`Effect` 要素がありません。`Allow` または `Deny` を指定してください。",
        InvalidEffect => "効果が無効です。`Allow` または `Deny` を使用してください（大文字と小文字は区別されます）。",
        UnsupportedElementCombination => "同じステートメントで使用できない要素の組み合わせです。どちらか一方を削除してください。",
        MissingAction => "`Action` または `NotAction` 要素がありません。ステートメントに追加してください。",
        InvalidAction => "アクションが無効です。`サービス:アクション` の形式で書いてください。",
        MissingResource => "`Resource` または `NotResource` 要素がありません。ステートメントに追加してください。",
        InvalidArnPrefix => "リソースは ARN (`arn:` で始まる) か `*` でなければなりません。",
        MissingArnField => "リソース ARN の部分が足りません。`arn:パーティション:サービス:リージョン:アカウント:リソース` の形式にしないと一致するリソースがありません。",
        MissingPrincipal => "`Principal` 要素がありません。リソースベースのポリシーと信頼ポリシーには `Principal` が必要です。",
        UnsupportedPrincipal => "このポリシータイプは `Principal` 要素をサポートしていません。アイデンティティベースのポリシーのプリンシパルは、ポリシーがアタッチされたアイデンティティです。",
        ScpSyntaxErrorPrincipal => "SCP はプリンシパルの指定をサポートしていません。`Principal` または `NotPrincipal` 要素を削除してください。",
        InvalidPrincipalFormat => "`Principal` 要素の内容が無効です。キーと値のペアで指定してください。",
        InvalidPrincipalKey => "プリンシパルのキーが無効です。`AWS`、`Service`、`Federated`、`CanonicalUser` のいずれかを使用してください。",
        UnsupportedWildcardInPrincipal => "プリンシパルの値の一部にワイルドカード (*, ?) は使用できません。",
        RoleTrustPolicySyntaxErrorNotprincipal => "信頼ポリシーでは `NotPrincipal` を使用できません。",
        RoleTrustPolicySyntaxErrorResource => "信頼ポリシーでは `Resource` と `NotResource` を使用できません。リソースは常にロール自身です。",
        InvalidFederatedPrincipalSyntaxInRoleTrustPolicy => "フェデレーションプリンシパルが無効です。ドメイン名か ID プロバイダーの ARN を指定してください。",
        AllowWithNotPrincipal => "セキュリティ警告: `\"Effect\": \"Allow\"` と `NotPrincipal` の組み合わせは、記載されたプリンシパル以外のすべて (認証されていない匿名の呼び出し元を含む) を許可します。AWS はこの組み合わせをサポートしておらず、`Principal` と `aws:PrincipalArn` の条件を推奨しています。",
        EmptyArrayAction => "`Action` が空の配列です。このステートメントはポリシーに影響しません。",
        EmptyArrayResource => "`Resource` が空の配列です。このステートメントはポリシーに影響しません。",
        EmptyArrayPrincipal => "プリンシパルが空の配列です。このステートメントはポリシーに影響しません。",
        EmptyObjectPrincipal => "`Principal` が空のオブジェクトです。プリンシパルを指定してください。",
        InvalidConditionOperator => "条件演算子が無効です。有効な条件演算子を使用してください。",
        NullWithIfExists => "`Null` 条件演算子には `IfExists` を付けられません。",
        InvalidConditionKeyFormat => "条件キーの形式が無効です。`サービス:キー名` の形式を使用してください。",
        EmptyArrayCondition => "条件キーの値が空の配列です。値を指定してください。",
        EmptyObjectCondition => "条件ブロックが空で、ポリシーに影響しません。条件を指定してください。",
        TypeMismatchDate => "日付の条件演算子に無効な値が使われています。`YYYY-MM-DD` などの ISO 8601 形式の日付を指定してください。",
        TypeMismatchNumber => "数値の条件演算子に有効な数値を指定してください。",
        TypeMismatchBoolean => "条件演算子に有効なブール値 (true または false) を指定してください。",
        TypeMismatchIpRange => "条件演算子に無効な IP 範囲の値が使われています。IP 範囲は標準の CIDR 形式で指定してください。",
        TypeMismatchString => "条件演算子に有効な base64 エンコードの文字列を指定してください。",
        DuplicateKeysWithDifferentCase => "同じ条件ブロックで条件キーが重複しています（キー名は大文字と小文字を区別しません）。重複したキーを削除してください。",
        DuplicateConditionOperator => "同じ条件演算子が 2 回あります。多くの JSON リーダーは最後のものしか残しません。1 つにまとめてください。",
        WildcardWithoutLikeOperator => "条件の値に * または ? が含まれています。ワイルドカードのつもりなら、`Like` を含む条件演算子を使用してください。",
        MissingQualifier => "リクエストコンテキストのキーは複数の値を持ちます。ポリシーで `ForAllValues` または `ForAnyValue` 修飾子を使用してください。",
        ForallvaluesWithSingleValuedKey => "単一値の条件キーに `ForAllValues` 修飾子を使用すると、過剰な許可になる可能性があります。`ForAllValues:` を削除してください。",
        ForanyvalueWithSingleValuedKey => "単一値の条件キーに `ForAnyValue` 修飾子は不要です。`ForAnyValue:` を削除してください。",
        InvalidPolicyVariable => "ポリシー変数が無効です。`${aws:username}` のように書いてください。",
        UnsupportedActionInRoleTrustPolicy => "信頼ポリシーで許可できるのは `sts:AssumeRole` などの `sts:` のアクションだけです。ロールの権限は許可ポリシーに書きます。",
        _ => "ポリシーに問題があります。",
    }
}
