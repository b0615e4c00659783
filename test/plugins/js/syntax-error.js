export function load_bareos_plugin( {
  return 0;
