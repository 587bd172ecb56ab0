// Mantine's PostCSS preset (rem(), light-dark(), breakpoint mixins) plus the breakpoint variables
// it documents, so component CSS files can use $mantine-breakpoint-* like the Mantine sources do.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
    'postcss-simple-vars': {
      variables: {
        'mantine-breakpoint-xs': '36em',
        'mantine-breakpoint-sm': '48em',
        'mantine-breakpoint-md': '62em',
        'mantine-breakpoint-lg': '75em',
        'mantine-breakpoint-xl': '88em',
      },
    },
  },
};
