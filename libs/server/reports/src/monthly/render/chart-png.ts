/**
 * An SVG rendered to PNG at `scale` (2 = sharp on high-density screens), with the machine's fonts.
 * resvg (a native module) is loaded on first use: the gateway boots without it and pays for it only
 * when an email package is built.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}
