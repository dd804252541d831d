/* A subsystem's own ops embed the dma-buf ops as a member. */
struct form_wrapped_ops {
	struct dma_buf_ops ops;
	int (*device_attach)(struct dma_buf *buf, struct device *dev);
};
