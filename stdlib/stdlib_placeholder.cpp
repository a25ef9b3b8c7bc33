// Placeholder translation unit; replaced as the phase grows.
namespace bicepc::stdlib {}
