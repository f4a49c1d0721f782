//! Applying [`TableEdits`] to an Arrow record batch: text cells replaced or
//! nulled, rows filtered, columns removed; every other column is the input's
//! own array, untouched.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, LargeStringArray, RecordBatch, StringArray, StringViewArray};
use arrow_schema::{ArrowError, DataType, Field, Schema};

use crate::write::{CellEdit, TableEdits};

/// Applies edits to a batch: text cells replaced or nulled, rows filtered,
/// columns removed; the other columns are the input's arrays, untouched.
pub fn edit_record_batch(
    batch: &RecordBatch,
    edits: &TableEdits,
) -> Result<RecordBatch, ArrowError> {
    let schema = batch.schema();
    let mut fields: Vec<Field> = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for (j, (field, col)) in schema.fields().iter().zip(batch.columns()).enumerate() {
        if edits.drop_columns.get(j).copied().unwrap_or(false) {
            continue;
        }
        let touched: Vec<(usize, &CellEdit)> = edits
            .cells
            .iter()
            .filter(|(_, c, e)| *c == j && *e != CellEdit::Keep)
            .map(|(r, _, e)| (*r, e))
            .collect();
        if touched.is_empty() {
            fields.push(field.as_ref().clone());
            columns.push(Arc::clone(col));
            continue;
        }
        let value = |i: usize, orig: Option<&str>| -> Option<String> {
            match touched.iter().find(|(r, _)| *r == i).map(|(_, e)| *e) {
                Some(CellEdit::Replace(s)) => Some(s.clone()),
                Some(CellEdit::Clear) => None,
                _ => orig.map(str::to_owned),
            }
        };
        let n = col.len();
        let get = |i: usize| -> Option<&str> {
            if col.is_null(i) {
                return None;
            }
            match col.data_type() {
                DataType::Utf8 => Some(col.as_string::<i32>().value(i)),
                DataType::LargeUtf8 => Some(col.as_string::<i64>().value(i)),
                DataType::Utf8View => Some(col.as_string_view().value(i)),
                _ => None,
            }
        };
        let new: ArrayRef = match col.data_type() {
            DataType::Utf8 => Arc::new((0..n).map(|i| value(i, get(i))).collect::<StringArray>()),
            DataType::LargeUtf8 => Arc::new(
                (0..n)
                    .map(|i| value(i, get(i)))
                    .collect::<LargeStringArray>(),
            ),
            DataType::Utf8View => Arc::new(
                (0..n)
                    .map(|i| value(i, get(i)))
                    .collect::<StringViewArray>(),
            ),
            other => {
                return Err(ArrowError::InvalidArgumentError(format!(
                    "column {} is {other}, not text: it cannot be edited",
                    field.name()
                )));
            }
        };
        let nullable = field.is_nullable() || new.null_count() > 0;
        fields.push(field.as_ref().clone().with_nullable(nullable));
        columns.push(new);
    }
    let out = RecordBatch::try_new(
        Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone())),
        columns,
    )?;
    if edits.keep_rows.iter().all(|k| *k) {
        return Ok(out);
    }
    let mask: arrow_array::BooleanArray = (0..out.num_rows())
        .map(|i| Some(edits.keep_rows.get(i).copied().unwrap_or(true)))
        .collect();
    arrow_select::filter::filter_record_batch(&out, &mask)
}
