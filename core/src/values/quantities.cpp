// Quantities: an amount followed by a unit of unit_forms(), spaced ("3 km") or glued ("3km").
#include "values/quantities.h"

#include "values/lists.h"
#include "values/numbers.h"

namespace lede {

bool match_quantity(const ValueText& t, size_t i, ValueMatch* m) {
  Amount a;
  if (!read_amount(t, i, false, &a)) return false;
  const UnitForm* unit = nullptr;
  size_t end = 0;
  if (!a.rest.empty()) {
    for (const UnitForm* form : units_starting(static_cast<unsigned char>(a.rest[0]))) {
      const UnitForm& f = *form;
      if (f.form.find(' ') != std::string::npos) continue;
      std::string_view rest = f.any_case ? t.lower(a.end - 1).substr(t.at(a.end - 1).size() - a.rest.size()) : a.rest;
      if (rest == f.form) {
        unit = &f;
        end = a.end;
        break;
      }
    }
  } else if (a.end < t.size() && !t.token(a.end).newline_before) {
    for (const UnitForm* f : units_starting(static_cast<unsigned char>(t.at(a.end)[0]))) {
      if ((end = t.match_forward(a.end, *f))) {
        unit = f;
        break;
      }
    }
  }
  if (!unit) return false;
  m->set(i, end, ValueType::QUANTITY, ValueForm::quantity);
  m->value.amount = a.value.numeral();
  m->value.unit = unit->unit;
  return true;
}

}  // namespace lede
